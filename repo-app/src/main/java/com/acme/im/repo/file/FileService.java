package com.acme.im.repo.file;

import com.acme.im.repo.Checks;
import com.acme.im.repo.db.Database;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import com.acme.im.runtime.storage.ObjectStorage;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * 文件元数据的规则：logic 已检查成员与上限，这里再按 Limits 兜底（任何一层都不接受另一层会拒绝的输入），
 * 生成文件 ID 与按会话划分的对象键。
 */
@Singleton
public class FileService {

    private final Database db;
    private final FileRepository files;

    public FileService(Database db, FileRepository files) {
        this.db = db;
        this.files = files;
    }

    /** 登记一次上传（pending）。 */
    public FileRow create(String rawConversationId, long uploaderId, String name, String mimeType, long size, boolean image) {
        ConversationId conversation = ConversationId.parse(rawConversationId);
        Checks.id(uploaderId, "uploader_id");
        Checks.require(Limits.isFileName(name), ErrorCode.INVALID_PARAMETER,
                "name must be 1-" + Limits.MAX_FILE_NAME_CODE_POINTS + " characters without control characters or path separators");
        Checks.require(Limits.isAllowedMimeType(mimeType, image), ErrorCode.FILE_TYPE_NOT_ALLOWED, "mime_type " + mimeType + " is not allowed");
        Checks.require(size > 0 && size <= Limits.maxFileBytes(image), ErrorCode.FILE_TOO_LARGE,
                "size must be 1-" + Limits.maxFileBytes(image) + " bytes");
        String id = UUID.randomUUID().toString().replace("-", "");
        FileRow row = new FileRow(id, conversation.value(), uploaderId, name, mimeType, size, image, false, 0, 0,
                ObjectStorage.objectKey(conversation.value(), id), "", System.currentTimeMillis());
        db.run(c -> {
            files.insert(c, row);
            return null;
        });
        return row;
    }

    /** 按 ID 取文件；不存在为 6000。 */
    public FileRow get(String id) {
        Checks.require(Limits.isFileId(id), ErrorCode.FILE_NOT_FOUND, "file " + id + " not found");
        return db.run(c -> files.find(c, id)).orElseThrow(() -> new ImException(ErrorCode.FILE_NOT_FOUND, "file " + id + " not found"));
    }

    /** 标记上传完成并返回最新的行。 */
    public FileRow markReady(String id, int width, int height) {
        Checks.require(Limits.isFileId(id), ErrorCode.FILE_NOT_FOUND, "file " + id + " not found");
        Checks.require(width >= 0 && height >= 0, ErrorCode.INVALID_PARAMETER, "width and height must not be negative");
        boolean found = db.run(c -> files.markReady(c, id, width, height, System.currentTimeMillis()));
        if (!found) {
            throw new ImException(ErrorCode.FILE_NOT_FOUND, "file " + id + " not found");
        }
        return get(id);
    }

    /** 记录缩略图。 */
    public void setThumbnail(String id, String thumbnailKey, int width, int height) {
        Checks.require(Limits.isFileId(id), ErrorCode.FILE_NOT_FOUND, "file " + id + " not found");
        Checks.require(thumbnailKey != null && !thumbnailKey.isEmpty() && thumbnailKey.length() <= 200,
                ErrorCode.INVALID_PARAMETER, "thumbnail_key must be 1-200 characters");
        boolean found = db.run(c -> files.setThumbnail(c, id, thumbnailKey, Math.max(0, width), Math.max(0, height)));
        if (!found) {
            throw new ImException(ErrorCode.FILE_NOT_FOUND, "file " + id + " not found");
        }
    }
}
