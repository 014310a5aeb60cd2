package com.acme.im.repo.file;

import com.acme.im.proto.repo.v1.CreateFileRequest;
import com.acme.im.proto.repo.v1.CreateFileResponse;
import com.acme.im.proto.repo.v1.FileRecord;
import com.acme.im.proto.repo.v1.FileServiceGrpc;
import com.acme.im.proto.repo.v1.GetFileRequest;
import com.acme.im.proto.repo.v1.GetFileResponse;
import com.acme.im.proto.repo.v1.MarkFileReadyRequest;
import com.acme.im.proto.repo.v1.MarkFileReadyResponse;
import com.acme.im.proto.repo.v1.SetFileThumbnailRequest;
import com.acme.im.proto.repo.v1.SetFileThumbnailResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * FileService 的 gRPC 端点：只做 protobuf 转换。
 */
@Singleton
public class FileEndpoint extends FileServiceGrpc.FileServiceImplBase {

    private final FileService files;

    public FileEndpoint(FileService files) {
        this.files = files;
    }

    @Override
    public void createFile(CreateFileRequest request, StreamObserver<CreateFileResponse> observer) {
        FileRow row = files.create(request.getConversationId(), request.getUploaderId(), request.getName(),
                request.getMimeType(), request.getSize(), request.getImage());
        observer.onNext(CreateFileResponse.newBuilder().setFile(toProto(row)).build());
        observer.onCompleted();
    }

    @Override
    public void getFile(GetFileRequest request, StreamObserver<GetFileResponse> observer) {
        observer.onNext(GetFileResponse.newBuilder().setFile(toProto(files.get(request.getFileId()))).build());
        observer.onCompleted();
    }

    @Override
    public void markFileReady(MarkFileReadyRequest request, StreamObserver<MarkFileReadyResponse> observer) {
        FileRow row = files.markReady(request.getFileId(), request.getWidth(), request.getHeight());
        observer.onNext(MarkFileReadyResponse.newBuilder().setFile(toProto(row)).build());
        observer.onCompleted();
    }

    @Override
    public void setFileThumbnail(SetFileThumbnailRequest request, StreamObserver<SetFileThumbnailResponse> observer) {
        files.setThumbnail(request.getFileId(), request.getThumbnailKey(), request.getWidth(), request.getHeight());
        observer.onNext(SetFileThumbnailResponse.getDefaultInstance());
        observer.onCompleted();
    }

    static FileRecord toProto(FileRow f) {
        return FileRecord.newBuilder()
                .setFileId(f.id())
                .setConversationId(f.conversationId())
                .setUploaderId(f.uploaderId())
                .setName(f.name())
                .setMimeType(f.mimeType())
                .setSize(f.size())
                .setImage(f.image())
                .setReady(f.ready())
                .setWidth(f.width())
                .setHeight(f.height())
                .setObjectKey(f.objectKey())
                .setThumbnailKey(f.thumbnailKey())
                .setCreatedAt(f.createdAt())
                .build();
    }
}
