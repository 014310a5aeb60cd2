package com.acme.im.logic.file;

import com.acme.im.proto.logic.v1.CompleteUploadRequest;
import com.acme.im.proto.logic.v1.CompleteUploadResponse;
import com.acme.im.proto.logic.v1.FileServiceGrpc;
import com.acme.im.proto.logic.v1.GetFileDownloadRequest;
import com.acme.im.proto.logic.v1.GetFileDownloadResponse;
import com.acme.im.proto.logic.v1.RequestUploadRequest;
import com.acme.im.proto.logic.v1.RequestUploadResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * FileService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class FileEndpoint extends FileServiceGrpc.FileServiceImplBase {

    private final FileService files;

    public FileEndpoint(FileService files) {
        this.files = files;
    }

    @Override
    public void requestUpload(RequestUploadRequest request, StreamObserver<RequestUploadResponse> observer) {
        observer.onNext(files.requestUpload(request.getUserId(), request.getConversationId(), request.getName(),
                request.getMimeType(), request.getSize(), request.getImage()));
        observer.onCompleted();
    }

    @Override
    public void completeUpload(CompleteUploadRequest request, StreamObserver<CompleteUploadResponse> observer) {
        observer.onNext(CompleteUploadResponse.newBuilder()
                .setFile(files.complete(request.getUserId(), request.getConversationId(), request.getFileId())).build());
        observer.onCompleted();
    }

    @Override
    public void getFileDownload(GetFileDownloadRequest request, StreamObserver<GetFileDownloadResponse> observer) {
        observer.onNext(files.download(request.getUserId(), request.getConversationId(), request.getFileId(),
                request.getThumbnail()));
        observer.onCompleted();
    }
}
