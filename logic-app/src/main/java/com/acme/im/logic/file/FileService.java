package com.acme.im.logic.file;

import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.logic.v1.FileInfo;
import com.acme.im.proto.logic.v1.GetFileDownloadResponse;
import com.acme.im.proto.logic.v1.RequestUploadResponse;
import com.acme.im.proto.repo.v1.CreateFileRequest;
import com.acme.im.proto.repo.v1.FileRecord;
import com.acme.im.proto.repo.v1.GetFileRequest;
import com.acme.im.proto.repo.v1.MarkFileReadyRequest;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import com.acme.im.runtime.storage.ObjectStorage;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Optional;

/**
 * 文件与图片的规则（上限见 {@link Limits}）：
 * <ul>
 *   <li>申请上传：调用者必须能在该会话发消息；类型在允许列表里（6002）、大小 1..上限（6001）；
 *       返回的 PUT URL 签了 Content-Type 与 Content-Length，存储端因此也拒绝多传的字节与换掉的类型</li>
 *   <li>complete：只有上传者本人；HEAD 核对对象存在（6003）、大小与类型与声明相同（6004）；
 *       图片另读前 256 KiB 确认格式并得到尺寸（6004）。之后消息才能引用它（repo 按 files 表核对，热路径不访问存储）</li>
 *   <li>下载：调用者必须能读该会话；文件必须属于该会话（否则 6000，不泄露别的会话的文件是否存在）</li>
 * </ul>
 */
@Singleton
public class FileService {

    private final RepoClients repo;
    private final MembershipService membership;
    private final ObjectStorage storage;

    public FileService(RepoClients repo, MembershipService membership, ObjectStorage storage) {
        this.repo = repo;
        this.membership = membership;
        this.storage = storage;
    }

    /** 申请上传。 */
    public RequestUploadResponse requestUpload(long userId, String conversationId, String name, String mimeType,
                                               long size, boolean image) {
        ConversationId id = ConversationId.parse(conversationId);
        if (!Limits.isFileName(name)) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "name must be 1-" + Limits.MAX_FILE_NAME_CODE_POINTS
                    + " characters without control characters or path separators");
        }
        String mime = mimeType == null ? "" : mimeType.trim().toLowerCase(Locale.ROOT);
        if (!Limits.isAllowedMimeType(mime, image)) {
            throw new ImException(ErrorCode.FILE_TYPE_NOT_ALLOWED, "mime_type '" + mimeType + "' is not allowed for "
                    + (image ? "images; allowed: " + String.join(", ", Limits.IMAGE_MIME_TYPES) : "files"));
        }
        if (size <= 0 || size > Limits.maxFileBytes(image)) {
            throw new ImException(ErrorCode.FILE_TOO_LARGE, "size must be 1-" + Limits.maxFileBytes(image) + " bytes for "
                    + (image ? "images" : "files"));
        }
        membership.checkWrite(userId, id);
        FileRecord file = repo.files().createFile(CreateFileRequest.newBuilder()
                .setConversationId(id.value()).setUploaderId(userId).setName(name).setMimeType(mime).setSize(size)
                .setImage(image).build()).getFile();
        ObjectStorage.SignedUrl url = storage.presignPut(file.getObjectKey(), mime, size);
        return RequestUploadResponse.newBuilder()
                .setFile(toInfo(file))
                .setUploadUrl(url.url().toString())
                .setMethod("PUT")
                .putHeaders("Content-Type", mime)
                .setExpiresAt(url.expiresAt().toEpochMilli())
                .build();
    }

    /** 上传完成：核对存储里的对象，标记 ready（重复调用直接返回）。 */
    public FileInfo complete(long userId, String conversationId, String fileId) {
        ConversationId id = ConversationId.parse(conversationId);
        FileRecord file = find(id, fileId);
        if (file.getUploaderId() != userId) {
            // 别人的文件：与不存在同样回答，不透露它的存在
            throw notFound(fileId);
        }
        if (file.getReady()) {
            return toInfo(file);
        }
        ObjectStorage.ObjectInfo object = storage.head(file.getObjectKey())
                .orElseThrow(() -> new ImException(ErrorCode.FILE_NOT_UPLOADED, "file " + fileId + " has not been uploaded yet"));
        String type = object.contentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (object.size() != file.getSize() || !type.equals(file.getMimeType())) {
            throw new ImException(ErrorCode.FILE_MISMATCH, "stored object is " + object.size() + " bytes of " + type
                    + ", declared " + file.getSize() + " bytes of " + file.getMimeType());
        }
        int width = 0;
        int height = 0;
        if (file.getImage()) {
            byte[] prefix = storage.readPrefix(file.getObjectKey(), ImageProbe.PREFIX_BYTES)
                    .orElseThrow(() -> new ImException(ErrorCode.FILE_NOT_UPLOADED, "file " + fileId + " has not been uploaded yet"));
            Optional<ImageProbe.Size> dims = ImageProbe.probe(prefix, file.getMimeType());
            if (dims.isEmpty()) {
                throw new ImException(ErrorCode.FILE_MISMATCH, "stored object is not a readable " + file.getMimeType() + " image");
            }
            width = dims.get().width();
            height = dims.get().height();
        }
        FileRecord ready = repo.files().markFileReady(MarkFileReadyRequest.newBuilder()
                .setFileId(fileId).setWidth(width).setHeight(height).build()).getFile();
        return toInfo(ready);
    }

    /** 下载地址（原件或缩略图）。 */
    public GetFileDownloadResponse download(long userId, String conversationId, String fileId, boolean thumbnail) {
        ConversationId id = ConversationId.parse(conversationId);
        membership.checkRead(userId, id);
        FileRecord file = find(id, fileId);
        if (!file.getReady()) {
            throw new ImException(ErrorCode.FILE_NOT_UPLOADED, "file " + fileId + " has not been uploaded yet");
        }
        String key = file.getObjectKey();
        String mime = file.getMimeType();
        if (thumbnail) {
            if (!file.getImage() || file.getThumbnailKey().isEmpty()) {
                throw new ImException(ErrorCode.THUMBNAIL_NOT_READY, file.getImage()
                        ? "thumbnail of " + fileId + " is not generated yet, retry later" : "file " + fileId + " is not an image");
            }
            key = file.getThumbnailKey();
            mime = "image/jpeg";
        }
        ObjectStorage.SignedUrl url = storage.presignGet(key);
        return GetFileDownloadResponse.newBuilder()
                .setUrl(url.url().toString())
                .setExpiresAt(url.expiresAt().toEpochMilli())
                .setMimeType(mime)
                .setFile(toInfo(file))
                .build();
    }

    /** 该会话里的文件；ID 格式不对、不存在或属于别的会话都是 6000。 */
    private FileRecord find(ConversationId id, String fileId) {
        if (!Limits.isFileId(fileId)) {
            throw notFound(fileId);
        }
        FileRecord file = repo.files().getFile(GetFileRequest.newBuilder().setFileId(fileId).build()).getFile();
        if (!file.getConversationId().equals(id.value())) {
            throw notFound(fileId);
        }
        return file;
    }

    private static ImException notFound(String fileId) {
        return new ImException(ErrorCode.FILE_NOT_FOUND, "file not found in this conversation");
    }

    static FileInfo toInfo(FileRecord f) {
        return FileInfo.newBuilder()
                .setFileId(f.getFileId())
                .setConversationId(f.getConversationId())
                .setUploaderId(f.getUploaderId())
                .setName(f.getName())
                .setMimeType(f.getMimeType())
                .setSize(f.getSize())
                .setImage(f.getImage())
                .setReady(f.getReady())
                .setWidth(f.getWidth())
                .setHeight(f.getHeight())
                .setThumbnailReady(!f.getThumbnailKey().isEmpty())
                .setCreatedAt(f.getCreatedAt())
                .build();
    }
}
