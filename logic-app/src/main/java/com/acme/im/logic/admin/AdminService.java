package com.acme.im.logic.admin;

import com.acme.im.logic.auth.AuthService;
import com.acme.im.logic.group.GroupService;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.logic.v1.AdminLoginResponse;
import com.acme.im.proto.logic.v1.AdminSystemFigures;
import com.acme.im.proto.repo.v1.AddSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.AddSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.Admin;
import com.acme.im.proto.repo.v1.AdminAction;
import com.acme.im.proto.repo.v1.AdminListAuditHitsRequest;
import com.acme.im.proto.repo.v1.AdminListAuditHitsResponse;
import com.acme.im.proto.repo.v1.AdminListUsersRequest;
import com.acme.im.proto.repo.v1.AdminListUsersResponse;
import com.acme.im.proto.repo.v1.GetAdminRequest;
import com.acme.im.proto.repo.v1.GetRepoFiguresRequest;
import com.acme.im.proto.repo.v1.GetRepoFiguresResponse;
import com.acme.im.proto.repo.v1.GetSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.ListAdminActionsRequest;
import com.acme.im.proto.repo.v1.ListAdminActionsResponse;
import com.acme.im.proto.repo.v1.RecordAdminActionRequest;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordRequest;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordResponse;
import com.acme.im.proto.repo.v1.ReviewAuditHitRequest;
import com.acme.im.proto.repo.v1.ReviewAuditHitResponse;
import com.acme.im.proto.repo.v1.SetUserBannedRequest;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import com.acme.im.proto.repo.v1.VerifyAdminPasswordRequest;
import com.acme.im.runtime.error.ImException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 管理后台业务。每个操作先校验管理员令牌（AdminTokenService + 管理员仍存在），
 * 成功后记入管理操作记录（谁、做了什么、对象、何时）；只读的查询（列表、数字）不记。
 */
@Singleton
public class AdminService {

    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    private final AdminRepoClients repo;
    private final AdminTokenService tokens;
    private final AuthService auth;
    private final GroupService groups;
    private final TaskFigures taskFigures;

    public AdminService(AdminRepoClients repo, AdminTokenService tokens, AuthService auth, GroupService groups,
                        TaskFigures taskFigures) {
        this.repo = repo;
        this.tokens = tokens;
        this.auth = auth;
        this.groups = groups;
        this.taskFigures = taskFigures;
    }

    /** 登录：用户名或密码错误 7002；成功也记一条 login。 */
    public AdminLoginResponse login(String username, String password) {
        Admin admin = repo.admins().verifyAdminPassword(VerifyAdminPasswordRequest.newBuilder()
                .setUsername(username).setPassword(password).build()).getAdmin();
        record(admin, "login", "admin:" + admin.getId(), "");
        return AdminLoginResponse.newBuilder().setAccessToken(tokens.issue(admin.getId(), admin.getUsername()))
                .setExpiresIn(tokens.ttlSeconds()).setAdmin(admin).build();
    }

    /** 校验令牌并确认管理员仍存在（被删除的管理员的令牌立即失效）。 */
    public Admin authenticate(String adminToken) {
        long adminId = tokens.verify(adminToken);
        return repo.admins().getAdmin(GetAdminRequest.newBuilder().setAdminId(adminId).build()).getAdmin();
    }

    public AdminListUsersResponse listUsers(String adminToken, AdminListUsersRequest query) {
        authenticate(adminToken);
        return repo.admins().adminListUsers(query);
    }

    /**
     * 封禁：repo 在一个事务里写封禁记录并吊销全部会话；这里再逐个广播吊销（各网关的令牌缓存立即失效）
     * 并让持有其连接的网关以 4001 关闭。广播失败只记日志：库中已吊销，网关缓存最迟 session-cache-ttl 后复核。
     * 解封只删除封禁记录，用户重新登录即可。
     */
    public SetUserBannedResponse setBanned(String adminToken, long userId, boolean banned, String reason) {
        Admin admin = authenticate(adminToken);
        SetUserBannedResponse r = repo.admins().setUserBanned(SetUserBannedRequest.newBuilder()
                .setUserId(userId).setBanned(banned).setAdminId(admin.getId()).setReason(reason).build());
        for (String sessionId : r.getRevokedSessionIdsList()) {
            try {
                auth.broadcastRevoked(userId, sessionId);
            } catch (ImException e) {
                LOG.warn("revocation of session {} of banned user {} not broadcast: {}", sessionId, userId, e.getMessage());
            }
        }
        record(admin, banned ? "ban_user" : "unban_user", "user:" + userId, banned ? reason : "");
        return r;
    }

    public Group dissolveGroup(String adminToken, long groupId) {
        Admin admin = authenticate(adminToken);
        Group g = groups.dissolveByAdmin(groupId);
        record(admin, "dissolve_group", "group:" + groupId, g.getName());
        return g;
    }

    public AdminListAuditHitsResponse listAuditHits(String adminToken, AdminListAuditHitsRequest query) {
        authenticate(adminToken);
        return repo.admins().adminListAuditHits(query);
    }

    public ReviewAuditHitResponse reviewAuditHit(String adminToken, long hitId, String verdict) {
        Admin admin = authenticate(adminToken);
        ReviewAuditHitResponse r = repo.admins().reviewAuditHit(ReviewAuditHitRequest.newBuilder()
                .setHitId(hitId).setVerdict(verdict).setAdminId(admin.getId()).build());
        record(admin, "review_audit_hit", "audit_hit:" + hitId, verdict);
        return r;
    }

    public GetSensitiveWordsResponse sensitiveWords(String adminToken) {
        authenticate(adminToken);
        return repo.wordList().getSensitiveWords(GetSensitiveWordsRequest.getDefaultInstance());
    }

    public AddSensitiveWordsResponse addSensitiveWords(String adminToken, List<String> words) {
        Admin admin = authenticate(adminToken);
        AddSensitiveWordsResponse r = repo.admins().addSensitiveWords(AddSensitiveWordsRequest.newBuilder()
                .addAllWords(words).setAdminId(admin.getId()).build());
        record(admin, "add_sensitive_words", "words:" + r.getAddedCount(), String.join(",", r.getAddedList()));
        return r;
    }

    public RemoveSensitiveWordResponse removeSensitiveWord(String adminToken, String word) {
        Admin admin = authenticate(adminToken);
        RemoveSensitiveWordResponse r = repo.admins().removeSensitiveWord(RemoveSensitiveWordRequest.newBuilder()
                .setWord(word).setAdminId(admin.getId()).build());
        record(admin, "remove_sensitive_word", "word:" + word, r.getRemoved() ? "removed" : "absent");
        return r;
    }

    /** 系统数字：repo 的在线与消息数，加 Kafka 的积压与死信；Kafka 取不到时 kafka_available=false，其余照常。 */
    public AdminSystemFigures figures(String adminToken) {
        authenticate(adminToken);
        GetRepoFiguresResponse repoFigures = repo.admins().getRepoFigures(GetRepoFiguresRequest.getDefaultInstance());
        AdminSystemFigures.Builder out = AdminSystemFigures.newBuilder().setRepo(repoFigures)
                .setMessagesPerSecond(repoFigures.getMessagesLastMinute() / 60.0);
        try {
            TaskFigures.Result tasks = taskFigures.measure();
            out.addAllFunctions(tasks.functions()).setDeadLettersTotal(tasks.deadLettersTotal()).setKafkaAvailable(true);
        } catch (IllegalStateException e) {
            LOG.warn("task figures unavailable: {}", e.getMessage());
            out.setKafkaAvailable(false);
        }
        return out.build();
    }

    public ListAdminActionsResponse listActions(String adminToken, ListAdminActionsRequest query) {
        authenticate(adminToken);
        return repo.admins().listAdminActions(query);
    }

    /**
     * 记一条管理操作。操作本身已生效，记录失败不能让它看起来失败（管理员会重试出第二次封禁等），
     * 所以这里只记错误日志（日志里同样有谁、做了什么）。
     */
    private void record(Admin admin, String action, String target, String detail) {
        try {
            repo.admins().recordAdminAction(RecordAdminActionRequest.newBuilder().setAction(AdminAction.newBuilder()
                    .setAdminId(admin.getId()).setAdminUsername(admin.getUsername()).setAction(action)
                    .setTarget(target).setDetail(detail == null ? "" : detail)).build());
        } catch (RuntimeException e) {
            LOG.error("admin action not recorded: admin={} ({}) action={} target={}: {}", admin.getId(),
                    admin.getUsername(), action, target, e.toString());
        }
        LOG.info("admin {} ({}) {} {}", admin.getId(), admin.getUsername(), action, target);
    }
}
