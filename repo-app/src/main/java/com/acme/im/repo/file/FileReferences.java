package com.acme.im.repo.file;

import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.message.SaveCommand;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.storage.FileContent;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * 图片/文件消息保存前的引用核对，一批消息只查一次 files 表（没有图片/文件消息时不查）：
 * 文件必须存在且属于同一会话（否则 6000，不区分“别人的”与“不存在”），已上传完成（6003），
 * 图片消息引用的必须是图片（6005）。通过的消息的 content 被改写成 files 表里的完整元数据
 * （{@link FileContent#toJson()}），接收者看到的大小、类型、尺寸都是服务端核对过的。
 * 不访问对象存储：对象在 complete 时已由 logic 用 HEAD 核对过，消息热路径上只有这一次批量 SELECT。
 */
@Singleton
public class FileReferences {

    private final Database db;
    private final FileRepository files;

    public FileReferences(Database db, FileRepository files) {
        this.db = db;
        this.files = files;
    }

    /**
     * 一条命令的核对结果。
     *
     * @param command 改写了内容的命令（文本消息原样）；error 不为空时无意义
     * @param error   引用不合法时的错误
     */
    public record Resolved(SaveCommand command, ImException error) {
    }

    /** 是否是引用文件的消息类型（图片或文件）。 */
    public static boolean referencesFile(int type) {
        return type == MessageType.MESSAGE_TYPE_IMAGE_VALUE || type == MessageType.MESSAGE_TYPE_FILE_VALUE;
    }

    /** 核对一批命令，结果与入参一一对应。 */
    public List<Resolved> resolveAll(List<SaveCommand> commands) {
        List<Resolved> out = new ArrayList<>(commands.size());
        Map<Integer, String> fileIds = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            SaveCommand cmd = commands.get(i);
            out.add(new Resolved(cmd, null));
            if (referencesFile(cmd.type()) && cmd.content() != null && !cmd.content().isEmpty()) {
                try {
                    fileIds.put(i, FileContent.fileIdOf(cmd.content()));
                } catch (ImException e) {
                    out.set(i, new Resolved(cmd, e));
                }
            }
        }
        if (fileIds.isEmpty()) {
            return out;
        }
        Map<String, FileRow> rows = db.run(c -> files.findAll(c, new LinkedHashSet<>(fileIds.values())));
        fileIds.forEach((i, fileId) -> {
            SaveCommand cmd = commands.get(i);
            FileRow row = rows.get(fileId);
            ImException error = check(cmd, fileId, row);
            if (error != null) {
                out.set(i, new Resolved(cmd, error));
            } else {
                String content = new FileContent(row.id(), row.name(), row.size(), row.mimeType(), row.width(), row.height()).toJson();
                out.set(i, new Resolved(new SaveCommand(cmd.conversationId(), cmd.senderId(), cmd.type(), content,
                        cmd.clientMsgId(), cmd.source(), cmd.replyTo(), cmd.mentions()), null));
            }
        });
        return out;
    }

    /** 单条命令的核对（单条保存路径）：不合法时抛出。 */
    public SaveCommand resolve(SaveCommand command) {
        Resolved r = resolveAll(List.of(command)).get(0);
        if (r.error() != null) {
            throw r.error();
        }
        return r.command();
    }

    private static ImException check(SaveCommand cmd, String fileId, FileRow row) {
        String conversation;
        try {
            conversation = ConversationId.parse(cmd.conversationId()).value();
        } catch (ImException e) {
            // 会话 ID 不合法由随后的消息校验给出它自己的错误码
            conversation = cmd.conversationId();
        }
        if (row == null || !row.conversationId().equals(conversation)) {
            return new ImException(ErrorCode.FILE_NOT_FOUND, "file " + fileId + " not found in this conversation");
        }
        if (!row.ready()) {
            return new ImException(ErrorCode.FILE_NOT_UPLOADED, "file " + fileId + " is not uploaded yet (call complete first)");
        }
        if (cmd.type() == MessageType.MESSAGE_TYPE_IMAGE_VALUE && !row.image()) {
            return new ImException(ErrorCode.INVALID_FILE_REFERENCE, "an image message must reference a file uploaded as an image");
        }
        return null;
    }
}
