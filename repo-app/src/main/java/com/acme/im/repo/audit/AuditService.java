package com.acme.im.repo.audit;

import com.acme.im.repo.Checks;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.repo.db.Database;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * 审核命中记录：按（消息 ID，版本）幂等，任务被重复投递也只存一条；编辑后的版本另记一条。
 * 撤回不删除这里的记录。
 */
@Singleton
public class AuditService {

    private static final Set<String> ACTIONS = Set.of("flag", "mask");
    private static final int MAX_WORDS = 100;
    private static final int MAX_WORDS_CHARS = 2000;

    private final Database db;
    private final AuditRepository audits;

    public AuditService(Database db, AuditRepository audits) {
        this.db = db;
        this.audits = audits;
    }

    public boolean record(AuditHitRecord hit) {
        Checks.id(hit.messageId(), "message_id");
        ConversationId.parse(hit.conversationId());
        Checks.id(hit.senderId(), "sender_id");
        Checks.require(ACTIONS.contains(hit.action()), "action must be flag or mask");
        Checks.require(!hit.words().isEmpty() && hit.words().size() <= MAX_WORDS, "words must contain 1.." + MAX_WORDS + " entries");
        int chars = 0;
        for (String w : hit.words()) {
            Checks.require(!w.isEmpty() && w.indexOf('\n') < 0, "words must be non-empty single-line strings");
            chars += w.length() + 1;
        }
        Checks.require(chars <= MAX_WORDS_CHARS, "words are too long");
        long createdAt = hit.createdAt() > 0 ? hit.createdAt() : System.currentTimeMillis();
        AuditHitRecord row = new AuditHitRecord(hit.messageId(), hit.conversationId(), hit.senderId(), hit.words(),
                hit.action(), createdAt, Math.max(0, hit.editedAt()));
        return db.run(c -> audits.insert(c, row));
    }

    public List<AuditHitRecord> list(String conversationId, int limit) {
        ConversationId id = ConversationId.parse(conversationId);
        int size = Checks.limit(limit, 50, 500, "limit");
        return db.run(c -> audits.list(c, id.value(), size));
    }
}
