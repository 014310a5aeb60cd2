package com.acme.im.repo.admin;

import com.acme.im.proto.repo.v1.AddSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.AdminAction;
import com.acme.im.proto.repo.v1.AdminAuditHit;
import com.acme.im.proto.repo.v1.AdminListAuditHitsRequest;
import com.acme.im.proto.repo.v1.AdminListUsersRequest;
import com.acme.im.proto.repo.v1.AdminListUsersResponse;
import com.acme.im.proto.repo.v1.AdminServiceGrpc;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.AuditServiceGrpc;
import com.acme.im.proto.repo.v1.CheckSessionRequest;
import com.acme.im.proto.repo.v1.CheckSessionResponse;
import com.acme.im.proto.repo.v1.GetAdminRequest;
import com.acme.im.proto.repo.v1.GetRepoFiguresRequest;
import com.acme.im.proto.repo.v1.GetRepoFiguresResponse;
import com.acme.im.proto.repo.v1.GetSensitiveWordsRequest;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.IssueRefreshTokenRequest;
import com.acme.im.proto.repo.v1.ListAdminActionsRequest;
import com.acme.im.proto.repo.v1.RecordAdminActionRequest;
import com.acme.im.proto.repo.v1.RecordAuditHitRequest;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordRequest;
import com.acme.im.proto.repo.v1.ReviewAuditHitRequest;
import com.acme.im.proto.repo.v1.RotateRefreshTokenRequest;
import com.acme.im.proto.repo.v1.SensitiveWordListServiceGrpc;
import com.acme.im.proto.repo.v1.SessionServiceGrpc;
import com.acme.im.proto.repo.v1.SetUserBannedRequest;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import com.acme.im.proto.repo.v1.SetUserOnlineRequest;
import com.acme.im.proto.repo.v1.OnlineStatusServiceGrpc;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.proto.repo.v1.VerifyAdminPasswordRequest;
import com.acme.im.proto.repo.v1.VerifyPasswordRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 管理后台数据：管理员密码、用户搜索与封禁（同一事务吊销全部会话、之后登录 7003）、审核命中复核、
 * 运行时敏感词表的版本、管理操作记录与系统数字。
 */
@MicronautTest
class AdminServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;
    @Inject
    AdminService service;

    private AdminServiceGrpc.AdminServiceBlockingStub admin() {
        return TestData.deadline(AdminServiceGrpc.newBlockingStub(channel));
    }

    @Test
    void adminPasswordIsCheckedWithTheSlowHashAndUnknownAdminsLookTheSame() {
        String name = TestData.unique("adm");
        assertTrue(service.createIfAbsent(name, "a-long-admin-password"));
        assertFalse(service.createIfAbsent(name, "another-long-password"), "an existing admin is left alone");
        var a = admin().verifyAdminPassword(VerifyAdminPasswordRequest.newBuilder().setUsername(name)
                .setPassword("a-long-admin-password").build()).getAdmin();
        assertEquals(name, a.getUsername());
        assertEquals(a, admin().getAdmin(GetAdminRequest.newBuilder().setAdminId(a.getId()).build()).getAdmin());
        assertEquals(7002, TestData.errorCode(() -> admin().verifyAdminPassword(VerifyAdminPasswordRequest.newBuilder()
                .setUsername(name).setPassword("another-long-password").build())));
        assertEquals(7002, TestData.errorCode(() -> admin().verifyAdminPassword(VerifyAdminPasswordRequest.newBuilder()
                .setUsername(name + "x").setPassword("a-long-admin-password").build())));
        assertEquals(7000, TestData.errorCode(() -> admin().getAdmin(GetAdminRequest.newBuilder().setAdminId(Long.MAX_VALUE).build())));
        assertEquals(1001, TestData.errorCode(() -> service.createIfAbsent(TestData.unique("adm"), "short")));
    }

    @Test
    void searchEscapesWildcardsAndPages() {
        String tag = TestData.unique("srch");
        var users = TestData.deadline(UserServiceGrpc.newBlockingStub(channel));
        long a = users.createUser(com.acme.im.proto.repo.v1.CreateUserRequest.newBuilder().setUsername(tag + "_a")
                .setPassword("pw-123456").build()).getUser().getId();
        long b = users.createUser(com.acme.im.proto.repo.v1.CreateUserRequest.newBuilder().setUsername(tag + "_b")
                .setPassword("pw-123456").setNickname("Nick " + tag).build()).getUser().getId();
        AdminListUsersResponse all = admin().adminListUsers(AdminListUsersRequest.newBuilder().setQuery(tag.toUpperCase()).build());
        assertEquals(List.of(a, b), all.getUsersList().stream().map(u -> u.getUser().getId()).toList());
        assertEquals(0, all.getNextAfterId());
        AdminListUsersResponse first = admin().adminListUsers(AdminListUsersRequest.newBuilder().setQuery(tag).setLimit(1).build());
        assertEquals(a, first.getNextAfterId());
        assertEquals(b, admin().adminListUsers(AdminListUsersRequest.newBuilder().setQuery(tag).setLimit(1)
                .setAfterId(first.getNextAfterId()).build()).getUsers(0).getUser().getId());
        assertEquals(0, admin().adminListUsers(AdminListUsersRequest.newBuilder().setQuery("%" + tag).build()).getUsersCount());
        assertEquals(1001, TestData.errorCode(() -> admin().adminListUsers(AdminListUsersRequest.newBuilder().setLimit(201).build())));
        assertEquals(1001, TestData.errorCode(() -> admin().adminListUsers(AdminListUsersRequest.newBuilder().setAfterId(-1).build())));
    }

    @Test
    void banRevokesEverySessionAndBlocksLoginUntilUnban() {
        long user = TestData.newUser(channel);
        String username = TestData.deadline(UserServiceGrpc.newBlockingStub(channel))
                .getUser(GetUserRequest.newBuilder().setUserId(user).build()).getUser().getUsername();
        var sessions = TestData.deadline(SessionServiceGrpc.newBlockingStub(channel));
        var s1 = sessions.issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).setTtlSeconds(3600).build());
        var s2 = sessions.issueRefreshToken(IssueRefreshTokenRequest.newBuilder().setUserId(user).setDeviceId("tab").setTtlSeconds(3600).build());
        SetUserBannedResponse banned = admin().setUserBanned(SetUserBannedRequest.newBuilder().setUserId(user).setBanned(true)
                .setAdminId(9).setReason("spam").build());
        assertTrue(banned.getUser().getBanned());
        assertEquals(9, banned.getUser().getBannedBy());
        assertEquals("spam", banned.getUser().getBanReason());
        assertEquals(java.util.Set.of(s1.getSessionId(), s2.getSessionId()), java.util.Set.copyOf(banned.getRevokedSessionIdsList()));
        assertEquals(CheckSessionResponse.State.STATE_REVOKED, sessions.checkSession(CheckSessionRequest.newBuilder()
                .setUserId(user).setSessionId(s1.getSessionId()).build()).getState());
        assertEquals(1002, TestData.errorCode(() -> sessions.rotateRefreshToken(RotateRefreshTokenRequest.newBuilder()
                .setRefreshToken(s2.getRefreshToken()).setTtlSeconds(3600).build())));
        var users = TestData.deadline(UserServiceGrpc.newBlockingStub(channel));
        String password = "secret-pass";
        assertEquals(7003, TestData.errorCode(() -> users.verifyPassword(VerifyPasswordRequest.newBuilder()
                .setUsername(username).setPassword(password).build())));
        assertEquals(2002, TestData.errorCode(() -> users.verifyPassword(VerifyPasswordRequest.newBuilder()
                .setUsername(username).setPassword("wrong").build())));
        // 封禁中不再签出新会话（与封禁事务互斥）
        assertEquals(7003, TestData.errorCode(() -> sessions.issueRefreshToken(IssueRefreshTokenRequest.newBuilder()
                .setUserId(user).setTtlSeconds(3600).build())));
        // 重复封禁幂等：不再有会话可吊销，最初的封禁记录保留
        SetUserBannedResponse again = admin().setUserBanned(SetUserBannedRequest.newBuilder().setUserId(user).setBanned(true)
                .setAdminId(10).build());
        assertEquals(0, again.getRevokedSessionIdsCount());
        assertEquals(9, again.getUser().getBannedBy());
        assertFalse(admin().setUserBanned(SetUserBannedRequest.newBuilder().setUserId(user).setBanned(false).setAdminId(9).build())
                .getUser().getBanned());
        assertEquals(user, users.verifyPassword(VerifyPasswordRequest.newBuilder().setUsername(username).setPassword(password).build())
                .getUser().getId());
        assertEquals(2000, TestData.errorCode(() -> admin().setUserBanned(SetUserBannedRequest.newBuilder()
                .setUserId(Long.MAX_VALUE).setBanned(true).setAdminId(9).build())));
        assertEquals(1001, TestData.errorCode(() -> admin().setUserBanned(SetUserBannedRequest.newBuilder()
                .setUserId(user).setBanned(true).setAdminId(9).setReason("r".repeat(257)).build())));
    }

    @Test
    void auditHitsAreListedByStatusAndReviewed() {
        String conv = ConversationId.single(TestData.newUser(channel), TestData.newUser(channel)).value();
        var audits = TestData.deadline(AuditServiceGrpc.newBlockingStub(channel));
        for (int i = 0; i < 3; i++) {
            audits.recordAuditHit(RecordAuditHitRequest.newBuilder().setHit(AuditHit.newBuilder()
                    .setMessageId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)).setConversationId(conv)
                    .setSenderId(1).addWords("bad").setAction("flag")).build());
        }
        List<AdminAuditHit> hits = admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder().setConversationId(conv).build())
                .getHitsList();
        assertEquals(3, hits.size());
        assertTrue(hits.get(0).getId() > hits.get(1).getId(), "newest first");
        AdminAuditHit reviewed = admin().reviewAuditHit(ReviewAuditHitRequest.newBuilder().setHitId(hits.get(1).getId())
                .setVerdict("dismissed").setAdminId(5).build()).getHit();
        assertEquals("dismissed", reviewed.getReviewVerdict());
        assertEquals(5, reviewed.getReviewedBy());
        assertTrue(reviewed.getReviewedAt() > 0);
        assertEquals(List.of(hits.get(1).getId()), admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder()
                .setConversationId(conv).setStatus("reviewed").build()).getHitsList().stream().map(AdminAuditHit::getId).toList());
        assertEquals(2, admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder()
                .setConversationId(conv).setStatus("unreviewed").build()).getHitsCount());
        var page = admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder().setConversationId(conv).setLimit(2).build());
        assertEquals(hits.get(1).getId(), page.getNextBeforeId());
        assertEquals(List.of(hits.get(2).getId()), admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder()
                .setConversationId(conv).setBeforeId(page.getNextBeforeId()).build()).getHitsList().stream().map(AdminAuditHit::getId).toList());
        assertEquals(7004, TestData.errorCode(() -> admin().reviewAuditHit(ReviewAuditHitRequest.newBuilder()
                .setHitId(Long.MAX_VALUE).setVerdict("confirmed").setAdminId(5).build())));
        assertEquals(1001, TestData.errorCode(() -> admin().reviewAuditHit(ReviewAuditHitRequest.newBuilder()
                .setHitId(hits.get(0).getId()).setVerdict("delete").setAdminId(5).build())));
        assertEquals(1001, TestData.errorCode(() -> admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder()
                .setStatus("open").build())));
        assertEquals(1001, TestData.errorCode(() -> admin().adminListAuditHits(AdminListAuditHitsRequest.newBuilder()
                .setConversationId("a b").build())));
    }

    @Test
    void wordListIsVersioned() {
        var list = TestData.deadline(SensitiveWordListServiceGrpc.newBlockingStub(channel));
        String word = TestData.unique("词");
        long before = list.getSensitiveWords(GetSensitiveWordsRequest.getDefaultInstance()).getVersion();
        var added = admin().addSensitiveWords(AddSensitiveWordsRequest.newBuilder().addWords(" " + word + " ").addWords(word)
                .setAdminId(3).build());
        assertEquals(List.of(word), added.getAddedList());
        assertTrue(added.getVersion() > before);
        GetSensitiveWordsResponse now = list.getSensitiveWords(GetSensitiveWordsRequest.getDefaultInstance());
        assertTrue(now.getWordsList().contains(word));
        assertTrue(list.getSensitiveWords(GetSensitiveWordsRequest.newBuilder().setKnownVersion(now.getVersion()).build()).getUnchanged());
        // 没有变化的加词不升版本
        var same = admin().addSensitiveWords(AddSensitiveWordsRequest.newBuilder().addWords(word).setAdminId(3).build());
        assertEquals(0, same.getAddedCount());
        assertEquals(now.getVersion(), same.getVersion());
        var removed = admin().removeSensitiveWord(RemoveSensitiveWordRequest.newBuilder().setWord(word).setAdminId(3).build());
        assertTrue(removed.getRemoved());
        assertTrue(removed.getVersion() > now.getVersion());
        assertFalse(admin().removeSensitiveWord(RemoveSensitiveWordRequest.newBuilder().setWord(word).setAdminId(3).build()).getRemoved());
        assertFalse(list.getSensitiveWords(GetSensitiveWordsRequest.getDefaultInstance()).getWordsList().contains(word));
        for (String bad : List.of("", "   ", "a\nb", "a\u0000b", "w".repeat(65))) {
            assertEquals(1001, TestData.errorCode(() -> admin().addSensitiveWords(AddSensitiveWordsRequest.newBuilder()
                    .addWords(bad).setAdminId(3).build())), bad);
        }
        assertEquals(1001, TestData.errorCode(() -> admin().addSensitiveWords(AddSensitiveWordsRequest.newBuilder().setAdminId(3).build())));
    }

    @Test
    void actionsAreListedNewestFirstAndFigures() {
        long adminId = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
        for (String action : List.of("ban_user", "unban_user")) {
            admin().recordAdminAction(RecordAdminActionRequest.newBuilder().setAction(AdminAction.newBuilder()
                    .setAdminId(adminId).setAdminUsername("root").setAction(action).setTarget("user:1").setDetail("d")).build());
        }
        List<AdminAction> actions = admin().listAdminActions(ListAdminActionsRequest.newBuilder().setAdminId(adminId).build())
                .getActionsList();
        assertEquals(List.of("unban_user", "ban_user"), actions.stream().map(AdminAction::getAction).toList());
        assertTrue(actions.get(0).getCreatedAt() > 0);
        assertEquals(1001, TestData.errorCode(() -> admin().recordAdminAction(RecordAdminActionRequest.newBuilder()
                .setAction(AdminAction.newBuilder().setAdminId(adminId).setAction("DROP TABLE")).build())));

        String gateway = TestData.unique("gw-fig");
        long user = TestData.newUser(channel);
        TestData.deadline(OnlineStatusServiceGrpc.newBlockingStub(channel)).setUserOnline(SetUserOnlineRequest.newBuilder()
                .setUserId(user).setGatewayId(gateway).setConnectionId("c1").build());
        GetRepoFiguresResponse f = admin().getRepoFigures(GetRepoFiguresRequest.getDefaultInstance());
        assertTrue(f.getGatewaysList().stream().anyMatch(g -> g.getGatewayId().equals(gateway) && g.getOnlineUsers() == 1), f.toString());
        assertTrue(f.getOnlineUsers() >= 1);
        assertTrue(f.getTotalUsers() >= 1);
        assertTrue(f.getMeasuredAt() > 0);
    }
}
