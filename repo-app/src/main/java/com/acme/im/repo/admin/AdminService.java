package com.acme.im.repo.admin;

import com.acme.im.repo.Checks;
import com.acme.im.repo.admin.AdminRecords.Action;
import com.acme.im.repo.admin.AdminRecords.ActionPage;
import com.acme.im.repo.admin.AdminRecords.Admin;
import com.acme.im.repo.admin.AdminRecords.AdminCredentials;
import com.acme.im.repo.admin.AdminRecords.AdminUser;
import com.acme.im.repo.admin.AdminRecords.AuditHit;
import com.acme.im.repo.admin.AdminRecords.AuditHitPage;
import com.acme.im.repo.admin.AdminRecords.BanResult;
import com.acme.im.repo.admin.AdminRecords.Figures;
import com.acme.im.repo.admin.AdminRecords.UserPage;
import com.acme.im.repo.admin.AdminRecords.WordList;
import com.acme.im.repo.db.Database;
import com.acme.im.repo.user.PasswordHasher;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * 管理后台的数据规则。这里只校验入参、保证原子性；“谁能做”由 logic 校验管理员令牌后决定，
 * repo 只相信 logic 传来的 admin_id（与用户接口相信 user_id 一样）。
 */
@Singleton
public class AdminService {

    /** 单个敏感词的最大字符数。 */
    public static final int MAX_WORD_LENGTH = 64;
    /** 一次最多加的词数。 */
    public static final int MAX_WORDS_PER_CALL = 100;
    /** 数据库词表的总词数上限（自动机在每个审核实例的内存里）。 */
    public static final int MAX_WORDS_TOTAL = 10_000;
    private static final int MAX_QUERY = 64;
    private static final int MAX_REASON = 256;
    private static final int MAX_USERNAME = 64;
    private static final Set<String> HIT_STATUSES = Set.of("", "all", "unreviewed", "reviewed");
    private static final Set<String> VERDICTS = Set.of("confirmed", "dismissed");
    private static final Pattern ACTION_NAME = Pattern.compile("[a-z_]{1,32}");

    private final Database db;
    private final AdminRepository admins;
    private final PasswordHasher hasher;
    private final OnlineCounter online;
    private final AdminConfiguration configuration;

    public AdminService(Database db, AdminRepository admins, PasswordHasher hasher, OnlineCounter online,
                        AdminConfiguration configuration) {
        this.db = db;
        this.admins = admins;
        this.hasher = hasher;
        this.online = online;
        this.configuration = configuration;
    }

    /** 管理员登录校验：未知管理员也做一次假哈希校验，两种失败耗时相同、都是 7002。 */
    public Admin verifyPassword(String username, String password) {
        if (username == null || username.isEmpty() || username.length() > MAX_USERNAME || password == null
                || password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_PASSWORD_BYTES) {
            throw new ImException(ErrorCode.ADMIN_LOGIN_FAILED);
        }
        Optional<AdminCredentials> credentials = db.run(c -> admins.findCredentials(c, username));
        if (credentials.isEmpty()) {
            hasher.verifyDummy(password);
            throw new ImException(ErrorCode.ADMIN_LOGIN_FAILED);
        }
        if (!hasher.verify(password, credentials.get().passwordHash())) {
            throw new ImException(ErrorCode.ADMIN_LOGIN_FAILED);
        }
        return credentials.get().admin();
    }

    /** 令牌里的管理员必须仍然存在，否则 7000。 */
    public Admin get(long adminId) {
        if (adminId <= 0) {
            throw new ImException(ErrorCode.ADMIN_UNAUTHORIZED, "unknown admin");
        }
        return db.run(c -> admins.findAdmin(c, adminId))
                .orElseThrow(() -> new ImException(ErrorCode.ADMIN_UNAUTHORIZED, "unknown admin"));
    }

    /**
     * 建管理员（用户名已存在时什么都不做）；返回是否新建。
     * 密码规则与用户相同（bcrypt 只用前 72 字节），另要求至少 12 个字符：它是后台的钥匙。
     */
    public boolean createIfAbsent(String username, String password) {
        String name = Checks.text(username, "admin username", MAX_USERNAME);
        Checks.require(password != null && password.length() >= 12, "admin password must have at least 12 characters");
        Checks.require(password.getBytes(StandardCharsets.UTF_8).length <= PasswordHasher.MAX_PASSWORD_BYTES,
                "admin password must be at most " + PasswordHasher.MAX_PASSWORD_BYTES + " bytes");
        if (db.run(c -> admins.adminExists(c, name))) {
            return false;
        }
        String hash = hasher.hash(password);
        return db.run(c -> admins.insertAdminIfAbsent(c, name, hash, System.currentTimeMillis()));
    }

    public long countAdmins() {
        return db.run(admins::countAdmins);
    }

    /** 列出、搜索用户：用户名或昵称包含 query（LIKE 通配符按字面处理）。 */
    public UserPage listUsers(String query, boolean bannedOnly, long afterId, int limit) {
        Checks.require(afterId >= 0, "after_id must not be negative");
        int size = Checks.limit(limit, 50, 200, "limit");
        String q = Checks.optionalText(query == null ? null : query.strip(), "query", MAX_QUERY);
        String pattern = q == null ? null : "%" + escapeLike(q) + "%";
        List<AdminUser> users = db.run(c -> admins.listUsers(c, pattern, bannedOnly, afterId, size));
        long next = users.size() == size ? users.get(users.size() - 1).user().id() : 0;
        return new UserPage(users, next);
    }

    /** 把 LIKE 的通配符与转义符按字面处理。 */
    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * 封禁：同一事务中写封禁记录并吊销全部仍有效的会话（之后刷新令牌、会话检查都失败）；重复封禁是幂等的。
     * 解封：删除封禁记录（已被吊销的会话不会复活，用户需重新登录）。用户不存在 2000。
     */
    public BanResult setBanned(long userId, boolean banned, long adminId, String reason) {
        Checks.id(userId, "user_id");
        Checks.id(adminId, "admin_id");
        String why = Checks.optionalText(reason == null ? null : reason.strip(), "reason", MAX_REASON);
        long now = System.currentTimeMillis();
        List<String> revoked = db.inTransaction(c -> {
            if (!admins.lockUser(c, userId)) {
                throw new ImException(ErrorCode.USER_NOT_FOUND);
            }
            if (!banned) {
                admins.unban(c, userId);
                return List.<String>of();
            }
            admins.ban(c, userId, adminId, why == null ? "" : why, now);
            return admins.revokeAllSessions(c, userId, now);
        });
        AdminUser user = db.run(c -> admins.findUser(c, userId)).orElseThrow(() -> new ImException(ErrorCode.USER_NOT_FOUND));
        return new BanResult(user, revoked);
    }

    /** 登录时用：用户是否封禁中。 */
    public boolean isBanned(long userId) {
        return db.run(c -> admins.isBanned(c, userId));
    }

    public AuditHitPage listAuditHits(String status, String conversationId, long beforeId, int limit) {
        String s = status == null ? "" : status;
        Checks.require(HIT_STATUSES.contains(s), "status must be all, unreviewed or reviewed");
        Checks.require(beforeId >= 0, "before_id must not be negative");
        int size = Checks.limit(limit, 50, 200, "limit");
        String conv = conversationId == null || conversationId.isEmpty() ? null : ConversationId.parse(conversationId).value();
        long before = beforeId == 0 ? Long.MAX_VALUE : beforeId;
        List<AuditHit> hits = db.run(c -> admins.listHits(c, s, conv, before, size));
        long next = hits.size() == size ? hits.get(hits.size() - 1).id() : 0;
        return new AuditHitPage(hits, next);
    }

    /** 复核：confirmed 或 dismissed，可改判；命中不存在 7004。 */
    public AuditHit review(long hitId, String verdict, long adminId) {
        Checks.require(verdict != null && VERDICTS.contains(verdict), "verdict must be confirmed or dismissed");
        Checks.id(adminId, "admin_id");
        if (hitId <= 0) {
            throw new ImException(ErrorCode.AUDIT_HIT_NOT_FOUND);
        }
        long now = System.currentTimeMillis();
        return db.inTransaction(c -> {
            if (!admins.reviewHit(c, hitId, verdict, adminId, now)) {
                throw new ImException(ErrorCode.AUDIT_HIT_NOT_FOUND);
            }
            return admins.findHit(c, hitId).orElseThrow(() -> new ImException(ErrorCode.AUDIT_HIT_NOT_FOUND));
        });
    }

    /** 加词：逐个校验（1..64 字符、无控制字符），去掉首尾空白，已存在的忽略；有新增才升版本。 */
    public WordList addWords(List<String> words, long adminId) {
        Checks.id(adminId, "admin_id");
        Checks.require(words != null && !words.isEmpty() && words.size() <= MAX_WORDS_PER_CALL,
                "words must contain 1.." + MAX_WORDS_PER_CALL + " entries");
        LinkedHashSet<String> clean = new LinkedHashSet<>();
        words.forEach(w -> clean.add(checkWord(w)));
        long now = System.currentTimeMillis();
        return db.inTransaction(c -> {
            // 先锁版本行：并发改词串行执行，总数检查不会被并发插入绕过
            long version = admins.bumpWordVersion(c);
            Checks.require(admins.countWords(c) + clean.size() <= MAX_WORDS_TOTAL,
                    "the word list may hold at most " + MAX_WORDS_TOTAL + " words");
            List<String> added = new ArrayList<>();
            for (String w : clean) {
                if (admins.insertWord(c, w, adminId, now)) {
                    added.add(w);
                }
            }
            if (added.isEmpty()) {
                // 没有变化：回滚版本号的自增，免得审核函数白白重建
                c.rollback();
                return new WordList(admins.wordVersion(c), List.of());
            }
            return new WordList(version, added);
        });
    }

    /** 删词：不存在不算错误（removed=false，版本不变）。 */
    public WordList removeWord(String word, long adminId) {
        Checks.id(adminId, "admin_id");
        String w = checkWord(word);
        return db.inTransaction(c -> {
            long version = admins.bumpWordVersion(c);
            if (!admins.deleteWord(c, w)) {
                c.rollback();
                return new WordList(admins.wordVersion(c), List.of());
            }
            return new WordList(version, List.of(w));
        });
    }

    /** 当前词表；knownVersion 与当前相同时 words 为 null（调用方不必重建）。 */
    public WordList words(long knownVersion) {
        return db.run(c -> {
            long version = admins.wordVersion(c);
            if (knownVersion > 0 && knownVersion == version) {
                return new WordList(version, null);
            }
            return new WordList(version, admins.words(c));
        });
    }

    static String checkWord(String word) {
        String w = word == null ? "" : word.strip();
        Checks.require(!w.isEmpty(), "a sensitive word must not be empty");
        Checks.require(w.codePointCount(0, w.length()) <= MAX_WORD_LENGTH,
                "a sensitive word must be at most " + MAX_WORD_LENGTH + " characters");
        Checks.require(w.codePoints().noneMatch(Character::isISOControl), "a sensitive word must not contain control characters");
        return w;
    }

    /** 记一条管理操作；对象与说明超长时截断（记录不能因为说明太长而丢失）。 */
    public Action record(long adminId, String adminUsername, String action, String target, String detail) {
        Checks.id(adminId, "admin_id");
        Checks.require(action != null && ACTION_NAME.matcher(action).matches(), "action must be 1..32 of a-z and _");
        Action a = new Action(0, adminId, truncate(adminUsername, MAX_USERNAME), action, truncate(target, 128),
                truncate(detail, 512), System.currentTimeMillis());
        long id = db.run(c -> admins.insertAction(c, a));
        return new Action(id, a.adminId(), a.adminUsername(), a.action(), a.target(), a.detail(), a.createdAt());
    }

    public ActionPage listActions(long adminId, long beforeId, int limit) {
        Checks.require(adminId >= 0, "admin_id must not be negative");
        Checks.require(beforeId >= 0, "before_id must not be negative");
        int size = Checks.limit(limit, 50, 200, "limit");
        long before = beforeId == 0 ? Long.MAX_VALUE : beforeId;
        List<Action> actions = db.run(c -> admins.listActions(c, adminId, before, size));
        long next = actions.size() == size ? actions.get(actions.size() - 1).id() : 0;
        return new ActionPage(actions, next);
    }

    /** repo 的系统数字：在线（Redis 扫描）、最近一分钟消息数、用户数与封禁数。 */
    public Figures figures() {
        long now = System.currentTimeMillis();
        OnlineCounter.Counts counts = online.count(now, configuration.presenceScanLimit());
        return db.run(c -> new Figures(counts.perGateway(), counts.onlineUsers(),
                admins.messagesSince(c, now - 60_000, configuration.rateScanLimit()),
                admins.count(c, "users"), admins.count(c, "user_bans"), now));
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }
}
