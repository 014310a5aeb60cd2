package com.acme.im.repo.message;

import com.acme.im.repo.Checks;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.conversation.ConversationKind;
import com.acme.im.repo.conversation.ConversationVersionStore;
import com.acme.im.repo.conversation.ConversationRepository;
import com.acme.im.repo.conversation.ConversationService;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.file.FileReferences;
import com.acme.im.repo.db.SqlWork;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.runtime.limits.Limits;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 消息保存、查询与序列号。
 * 保存在一个事务里完成：分配 seq（锁会话行）→ 插入消息 → 记录最后一条消息 → 发送者已读推进。
 * 幂等靠唯一键 (sender_id, client_msg_id)：并发的重复请求只有一条能插入，其余在唯一键冲突后
 * 回滚（连同它们分配的 seq 一起回退）并返回原消息，所以 seq 没有空洞也不会重复。
 */
@Singleton
public class MessageService {

    private static final String UK_CLIENT_MSG = "uk_messages_sender_client";

    private final Database db;
    private final FileReferences fileReferences;
    private final MessageRepository messages;
    private final ConversationRepository conversations;
    private final ConversationService conversationService;
    private final ConversationVersionStore versions;
    private final MessagePageCache pageCache;

    public MessageService(Database db, MessageRepository messages, ConversationRepository conversations,
                          ConversationService conversationService, FileReferences fileReferences,
                          ConversationVersionStore versions, MessagePageCache pageCache) {
        this.versions = versions;
        this.pageCache = pageCache;
        this.fileReferences = fileReferences;
        this.db = db;
        this.messages = messages;
        this.conversations = conversations;
        this.conversationService = conversationService;
    }

    public SaveResult save(String rawConversationId, long senderId, int type, String content, String clientMsgId) {
        return save(new SaveCommand(rawConversationId, senderId, type, content, clientMsgId, MessageSource.NONE));
    }

    /** 保存一条消息；同一 (sender_id, client_msg_id) 只存一次，重复时返回原消息。 */
    public SaveResult save(SaveCommand rawCommand) {
        // 图片/文件消息：核对引用的文件并把内容改写成服务端的元数据（见 FileReferences）
        SaveCommand command = fileReferences.resolve(rawCommand);
        ConversationId id = validate(command);
        long senderId = command.senderId();
        String clientId = command.clientMsgId();
        // 快速路径：重试的请求不必去抢会话行锁
        Optional<MessageRecord> existing = db.run(c -> messages.findByClientMsgId(c, senderId, clientId));
        if (existing.isPresent()) {
            return new SaveResult(existing.get(), true);
        }
        if (command.replyTo() > 0) {
            checkReplyTargets(id.value(), Set.of(command.replyTo()));
        }
        Mentions mentions = command.mentions().normalized();
        if (!mentions.userIds().isEmpty()) {
            ImException notMember = mentionRefusal(id, mentions,
                    db.run(c -> messages.groupMembersAmong(c, Map.of(id.groupId(), mentions.userIds()))));
            if (notMember != null) {
                throw notMember;
            }
        }
        long now = System.currentTimeMillis();
        try {
            MessageRecord saved = withConversation(id, now, c -> {
                long seq = allocate(c, id, true, now);
                long messageId = messages.insert(c, id.value(), seq, senderId, command.type(), command.content(), clientId,
                        now, command.source(), command.replyTo(), mentions);
                conversations.setLastMessage(c, id.value(), messageId);
                conversations.advanceReadSeq(c, senderId, id.value(), seq, now);
                Map<com.acme.im.repo.conversation.UserConversationKey, Long> explicit = new java.util.HashMap<>();
                mentions.userIds().forEach(u -> explicit.put(new com.acme.im.repo.conversation.UserConversationKey(u, id.value()), seq));
                conversations.advanceMentionSeqs(c, explicit, mentions.all() ? Map.of(id.value(), seq) : Map.of(), now);
                return new MessageRecord(messageId, id.value(), seq, senderId, command.type(), command.content(), clientId, now,
                        command.replyTo(), 0, 0, 0, mentions);
            });
            return new SaveResult(saved, false);
        } catch (ImException e) {
            if (e.getCause() instanceof SQLException sql && Database.isDuplicateKey(sql, UK_CLIENT_MSG)) {
                MessageRecord original = db.run(c -> messages.findByClientMsgId(c, senderId, clientId))
                        .orElseThrow(() -> e);
                return new SaveResult(original, true);
            }
            throw e;
        }
    }

    /** 校验一条待保存消息的入参，返回解析后的会话 ID；不合法时抛出带错误码的 ImException。 */
    public ConversationId validate(SaveCommand command) {
        ConversationId id = ConversationId.parse(command.conversationId());
        Checks.id(command.senderId(), "sender_id");
        Checks.require(Limits.isClientMessageType(command.type()), ErrorCode.INVALID_MESSAGE,
                "message type must be 1 (text), 2 (image) or 3 (file)");
        String content = command.content();
        Checks.require(content != null && !content.isEmpty(), ErrorCode.INVALID_MESSAGE, "content must not be empty");
        Checks.require(Limits.isContentWithinLimit(content), ErrorCode.INVALID_MESSAGE,
                "content must be at most " + Limits.MAX_CONTENT_CODE_POINTS + " characters");
        clientMsgId(command.clientMsgId());
        Checks.require(command.replyTo() >= 0, ErrorCode.REPLY_TARGET_NOT_FOUND, "reply_to must be a message id");
        if (id.kind() == ConversationKind.SINGLE) {
            Checks.require(id.isParticipant(command.senderId()), ErrorCode.FORBIDDEN, "sender is not part of " + id.value());
        }
        Mentions mentions = command.mentions() == null ? Mentions.NONE : command.mentions().normalized();
        Checks.require(mentions.isEmpty() || id.kind() == ConversationKind.GROUP, ErrorCode.INVALID_MENTIONS,
                "mentions are only allowed in group conversations");
        return id;
    }

    /**
     * 被 @ 的用户必须都是群成员：found 是一次批量查询的结果（群 ID → 其中确是成员的用户）；
     * 有不是成员的返回 3011，否则为 null。
     */
    static ImException mentionRefusal(ConversationId id, Mentions mentions, Map<Long, Set<Long>> found) {
        Set<Long> members = found.getOrDefault(id.groupId(), Set.of());
        for (long u : mentions.userIds()) {
            if (!members.contains(u)) {
                return new ImException(ErrorCode.MENTION_NOT_MEMBER, "mentioned user " + u + " is not a member of this group");
            }
        }
        return null;
    }

    public MessageRecord get(long messageId) {
        Checks.id(messageId, "message_id");
        return db.run(c -> messages.findById(c, messageId))
                .orElseThrow(() -> new ImException(ErrorCode.MESSAGE_NOT_FOUND));
    }

    /**
     * 回复目标必须是同一会话中已存在的消息（一次查询）；不满足时抛出 3006。
     */
    public void checkReplyTargets(String conversationId, Set<Long> replyTo) {
        Map<Long, String> found = db.run(c -> messages.conversationsOf(c, replyTo));
        for (long target : replyTo) {
            Checks.require(conversationId.equals(found.get(target)), ErrorCode.REPLY_TARGET_NOT_FOUND,
                    "reply_to " + target + " is not a message of this conversation");
        }
    }

    /**
     * 撤回：锁住消息行，原文写入修订记录，内容清空留下墓碑。权限与时间窗由 logic-app 判定；
     * 这里只保证“已撤回的不能再撤回”（并发的两次撤回只有一次成功）。
     */
    public MessageRecord recall(long messageId, String rawConversationId, long actorId) {
        Checks.id(messageId, "message_id");
        ConversationId id = ConversationId.parse(rawConversationId);
        Checks.id(actorId, "actor_id");
        long now = System.currentTimeMillis();
        return db.inTransaction(c -> {
            MessageRecord m = lockInConversation(c, messageId, id);
            Checks.require(!m.recalled(), ErrorCode.MESSAGE_RECALLED, "message was already recalled");
            messages.insertRevision(c, m, "recall", actorId, now);
            messages.markRecalled(c, messageId, actorId, now);
            // 它可能是会话的最后一条消息：列表里显示的内容变了
            versions.changedConversations(List.of(id.value()));
            return new MessageRecord(m.id(), m.conversationId(), m.seq(), m.senderId(), m.type(), "", m.clientMsgId(),
                    m.createdAt(), m.replyTo(), m.editedAt(), now, actorId).withMentions(m.mentions());
        });
    }

    /**
     * 编辑：锁住消息行，旧内容写入修订记录，换成新内容并记下 edited_at（严格递增，审核按它区分版本）。
     * 已撤回的消息不能编辑（3005）。
     */
    public MessageRecord edit(long messageId, String rawConversationId, long actorId, String content) {
        Checks.id(messageId, "message_id");
        ConversationId id = ConversationId.parse(rawConversationId);
        Checks.id(actorId, "actor_id");
        Checks.require(content != null && !content.isBlank(), ErrorCode.INVALID_MESSAGE, "content must not be empty");
        Checks.require(Limits.isContentWithinLimit(content), ErrorCode.INVALID_MESSAGE,
                "content must be at most " + Limits.MAX_CONTENT_CODE_POINTS + " characters");
        long now = System.currentTimeMillis();
        return db.inTransaction(c -> {
            MessageRecord m = lockInConversation(c, messageId, id);
            Checks.require(!m.recalled(), ErrorCode.MESSAGE_RECALLED, "a recalled message cannot be edited");
            long editedAt = Math.max(now, m.editedAt() + 1);
            messages.insertRevision(c, m, "edit", actorId, now);
            messages.markEdited(c, messageId, content, editedAt);
            versions.changedConversations(List.of(id.value()));
            return new MessageRecord(m.id(), m.conversationId(), m.seq(), m.senderId(), m.type(), content, m.clientMsgId(),
                    m.createdAt(), m.replyTo(), editedAt, 0, 0).withMentions(m.mentions());
        });
    }

    /** 某消息的修订记录（撤回、编辑前的原文），供审计查看。 */
    public List<MessageRepository.Revision> revisions(long messageId) {
        Checks.id(messageId, "message_id");
        return db.run(c -> messages.revisions(c, messageId));
    }

    private MessageRecord lockInConversation(Connection c, long messageId, ConversationId id) throws SQLException {
        return messages.lockById(c, messageId)
                .filter(m -> m.conversationId().equals(id.value()))
                .orElseThrow(() -> new ImException(ErrorCode.MESSAGE_NOT_FOUND));
    }

    /** 审核遮蔽：用遮蔽后的内容替换原内容（幂等），之后的历史拉取只会看到遮蔽内容。 */
    public MessageRecord mask(long messageId, String maskedContent) {
        return mask(messageId, maskedContent, 0);
    }

    /**
     * 审核遮蔽：只替换被审核的那个版本（expectedEditedAt 与库里的 edited_at 相同）且未撤回的消息；
     * 版本已变或已撤回时不改，原样返回当前消息。
     */
    public MessageRecord mask(long messageId, String maskedContent, long expectedEditedAt) {
        Checks.id(messageId, "message_id");
        Checks.require(maskedContent != null && !maskedContent.isEmpty(), ErrorCode.INVALID_MESSAGE,
                "masked_content must not be empty");
        Checks.require(Limits.isContentWithinLimit(maskedContent), ErrorCode.INVALID_MESSAGE,
                "masked_content must be at most " + Limits.MAX_CONTENT_CODE_POINTS + " characters");
        return db.inTransaction(c -> {
            messages.updateContent(c, messageId, maskedContent, expectedEditedAt);
            MessageRecord m = messages.findById(c, messageId).orElseThrow(() -> new ImException(ErrorCode.MESSAGE_NOT_FOUND));
            versions.changedConversations(List.of(m.conversationId()));
            return m;
        });
    }

    /**
     * 按 seq 分页：beforeSeq 向历史翻；afterSeq 断线补拉，返回 seq 大于它的最早几条（0 即从第一条开始）；
     * 两者都未给出时取最新一页；结果总是 seq 升序。会话不存在或没有消息时返回空页。
     * 给出读者时先做读权限检查：网关的历史接口直接调用这里（不经 logic 中转），读权限因此只在这一处判定。
     *
     * @param readerId 代表哪个用户读；0 表示内部调用，不检查
     * @param afterSeq 负数表示未给出
     */
    public MessagePage page(long readerId, String rawConversationId, long beforeSeq, long afterSeq, int limit) {
        ConversationId id = ConversationId.parse(rawConversationId);
        Checks.require(readerId >= 0, "reader_id must not be negative");
        Checks.require(beforeSeq >= 0, "before_seq must not be negative");
        Checks.require(beforeSeq == 0 || afterSeq < 0, "before_seq and after_seq are mutually exclusive");
        int size = Checks.limit(limit, Limits.DEFAULT_HISTORY_PAGE, Limits.MAX_HISTORY_PAGE, "limit");
        if (readerId > 0 && !conversationService.checkMembership(readerId, id.value()).member()) {
            throw new ImException(id.notMemberCode(), id.isGroup() ? "not a group member" : "not a member of this conversation");
        }
        if (beforeSeq == 0 && afterSeq < 0) {
            // 最新一页：打开会话时取的那页，走进程内缓存
            return pageCache.newest(id.value(), size, () -> readPage(id, 0, -1, size));
        }
        return readPage(id, beforeSeq, afterSeq, size);
    }

    private MessagePage readPage(ConversationId id, long beforeSeq, long afterSeq, int size) {
        List<MessageRecord> rows = db.run(c -> afterSeq >= 0
                ? messages.pageAfter(c, id.value(), afterSeq, size + 1)
                : messages.pageBefore(c, id.value(), beforeSeq > 0 ? beforeSeq : Long.MAX_VALUE, size + 1));
        boolean more = rows.size() > size;
        if (!more) {
            return new MessagePage(rows, false);
        }
        // 多取的一条在“远离起点”的一端：向前翻时在最旧处，向后追时在最新处
        return new MessagePage(afterSeq >= 0 ? rows.subList(0, size) : rows.subList(1, rows.size()), true);
    }

    /** 单独生成一个序列号；与消息共用同一计数器，因此永不与任何消息的 seq 重复。 */
    public long generateSeq(String rawConversationId) {
        ConversationId id = ConversationId.parse(rawConversationId);
        long now = System.currentTimeMillis();
        return withConversation(id, now, c -> allocate(c, id, false, now));
    }

    public Optional<MessageRecord> findByClientMsgId(long senderId, String clientMsgId) {
        Checks.id(senderId, "sender_id");
        String clientId = clientMsgId(clientMsgId);
        return db.run(c -> messages.findByClientMsgId(c, senderId, clientId));
    }

    private long allocate(Connection c, ConversationId id, boolean touch, long now) throws SQLException {
        return conversations.allocateSeq(c, id.value(), touch, now).orElseThrow(MissingConversation::new);
    }

    /**
     * 执行需要会话行的事务；会话还不存在时（首条消息）先在一个独立的短事务里创建，再重做。
     * 不在同一事务里创建，是因为并发的首条消息会先各自持有新行的共享锁再争排他锁，互相死锁。
     */
    private <T> T withConversation(ConversationId id, long now, SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (MissingConversation e) {
            db.inTransaction(c -> conversationService.ensureRow(c, id, now));
            try {
                return db.inTransaction(work);
            } catch (MissingConversation again) {
                throw new ImException(ErrorCode.INTERNAL, "conversation row missing after creation");
            }
        }
    }

    /** 会话行不存在的信号，只在本类内部流转。 */
    private static final class MissingConversation extends RuntimeException {
        MissingConversation() {
            super(null, null, false, false);
        }
    }

    private static String clientMsgId(String value) {
        Checks.require(Limits.isClientMsgId(value),
                "client_msg_id must be 1-" + Limits.MAX_CLIENT_MSG_ID + " printable ASCII characters");
        return value;
    }
}
