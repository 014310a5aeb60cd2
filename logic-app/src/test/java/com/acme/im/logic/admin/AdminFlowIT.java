package com.acme.im.logic.admin;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.logic.v1.AdminDissolveGroupCall;
import com.acme.im.proto.logic.v1.AdminGetSystemFiguresCall;
import com.acme.im.proto.logic.v1.AdminListActionsCall;
import com.acme.im.proto.logic.v1.AdminListUsersCall;
import com.acme.im.proto.logic.v1.AdminLoginRequest;
import com.acme.im.proto.logic.v1.AdminServiceGrpc;
import com.acme.im.proto.logic.v1.AdminSetUserBannedCall;
import com.acme.im.proto.logic.v1.AdminSystemFigures;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.LoginRequest;
import com.acme.im.proto.logic.v1.LoginResponse;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.repo.v1.AdminAction;
import com.acme.im.proto.repo.v1.AdminListUsersRequest;
import com.acme.im.proto.repo.v1.ListAdminActionsRequest;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import com.acme.im.runtime.delivery.ConnectionIds;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.testsupport.RepoAppProcess;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 管理后台业务（真实 Kafka 与 repo-app）：管理员登录与令牌隔离、封禁走登出的吊销路径（广播吊销、通知网关关闭连接）
 * 并阻止登录、解散任意群、系统数字（含 Kafka 积压）与管理操作记录。
 */
@MicronautTest
class AdminFlowIT extends LogicItSupport {

    private AdminServiceGrpc.AdminServiceBlockingStub admin() {
        return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
    }

    private String adminToken() {
        return admin().adminLogin(AdminLoginRequest.newBuilder().setUsername(RepoAppProcess.ADMIN_USERNAME)
                .setPassword(RepoAppProcess.ADMIN_PASSWORD).build()).getAccessToken();
    }

    private String sessionOf(String accessToken) {
        return auth().validateToken(ValidateTokenRequest.newBuilder().setAccessToken(accessToken).build()).getSessionId();
    }

    @Test
    void loginAndTokenSeparation() {
        assertEquals(7002, errorCodeOf(() -> admin().adminLogin(AdminLoginRequest.newBuilder()
                .setUsername(RepoAppProcess.ADMIN_USERNAME).setPassword("wrong-password").build())));
        String token = adminToken();
        RegisterResponse user = register("ad_user");
        assertEquals(7001, errorCodeOf(() -> admin().adminListUsers(AdminListUsersCall.newBuilder()
                .setAdminToken(user.getTokens().getAccessToken()).build())));
        assertEquals(7000, errorCodeOf(() -> admin().adminListUsers(AdminListUsersCall.newBuilder().build())));
        assertEquals(1002, errorCodeOf(() -> auth().validateToken(ValidateTokenRequest.newBuilder().setAccessToken(token).build())));
        assertEquals(user.getUser().getId(), admin().adminListUsers(AdminListUsersCall.newBuilder().setAdminToken(token)
                .setQuery(AdminListUsersRequest.newBuilder().setQuery("ad_user_" + run)).build()).getUsers(0).getUser().getId());
    }

    @Test
    void banRevokesEverySessionClosesConnectionsAndBlocksLogin() throws Exception {
        String token = adminToken();
        RegisterResponse web = register("ad_victim");
        long victim = web.getUser().getId();
        LoginResponse phone = auth().login(LoginRequest.newBuilder().setUsername("ad_victim_" + run)
                .setPassword("correct-horse-battery").setDeviceId("phone").build());
        String webSid = sessionOf(web.getTokens().getAccessToken());
        String phoneSid = sessionOf(phone.getTokens().getAccessToken());
        String gateway = "ad-gw-" + run;
        connect(victim, gateway, ConnectionIds.newId(phoneSid));
        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.SESSION_REVOCATIONS, Topics.downstream(gateway)))) {
            SetUserBannedResponse r = admin().adminSetUserBanned(AdminSetUserBannedCall.newBuilder().setAdminToken(token)
                    .setUserId(victim).setBanned(true).setReason("abuse").build());
            assertEquals(Set.of(webSid, phoneSid), Set.copyOf(r.getRevokedSessionIdsList()));
            DownstreamDelivery close = probe.awaitDelivery(Topics.downstream(gateway),
                    d -> d.hasSessionRevoked() && d.getSessionRevoked().getSessionId().equals(phoneSid));
            assertEquals(victim, close.getSessionRevoked().getUserId());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> probe.records().stream()
                    .filter(rec -> rec.topic().equals(Topics.SESSION_REVOCATIONS)).count() >= 2);
        }
        assertEquals(1002, errorCodeOf(() -> sessionOf(web.getTokens().getAccessToken())));
        assertEquals(1002, errorCodeOf(() -> sessionOf(phone.getTokens().getAccessToken())));
        LoginRequest login = LoginRequest.newBuilder().setUsername("ad_victim_" + run).setPassword("correct-horse-battery").build();
        assertEquals(7003, errorCodeOf(() -> auth().login(login)));
        admin().adminSetUserBanned(AdminSetUserBannedCall.newBuilder().setAdminToken(token).setUserId(victim).setBanned(false).build());
        assertEquals(victim, auth().login(login).getUser().getId());

        List<AdminAction> actions = admin().adminListActions(AdminListActionsCall.newBuilder().setAdminToken(token)
                .setQuery(ListAdminActionsRequest.newBuilder().setLimit(20)).build()).getActionsList();
        assertTrue(actions.stream().anyMatch(a -> a.getAction().equals("ban_user") && a.getTarget().equals("user:" + victim)
                && a.getDetail().equals("abuse") && a.getAdminUsername().equals(RepoAppProcess.ADMIN_USERNAME)), actions.toString());
        assertTrue(actions.stream().anyMatch(a -> a.getAction().equals("unban_user") && a.getTarget().equals("user:" + victim)));
    }

    @Test
    void dissolveAnyGroupAndFigures() {
        String token = adminToken();
        long owner = register("ad_owner").getUser().getId();
        long member = register("ad_member").getUser().getId();
        long groupId = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName("g").addMemberIds(member)
                .build()).getGroup().getId();
        assertTrue(admin().adminDissolveGroup(AdminDissolveGroupCall.newBuilder().setAdminToken(token).setGroupId(groupId).build())
                .getDissolvedAt() > 0);
        assertEquals(4003, errorCodeOf(() -> admin().adminDissolveGroup(AdminDissolveGroupCall.newBuilder().setAdminToken(token)
                .setGroupId(groupId).build())));
        assertEquals(4000, errorCodeOf(() -> admin().adminDissolveGroup(AdminDissolveGroupCall.newBuilder().setAdminToken(token)
                .setGroupId(Long.MAX_VALUE).build())));

        AdminSystemFigures f = admin().adminGetSystemFigures(AdminGetSystemFiguresCall.newBuilder().setAdminToken(token).build());
        assertTrue(f.getKafkaAvailable(), f.toString());
        assertEquals(Set.of("fanout", "push", "audit", "index"),
                Set.copyOf(f.getFunctionsList().stream().map(fn -> fn.getTaskType()).toList()));
        f.getFunctionsList().forEach(fn -> assertTrue(fn.getLag() >= 0 && fn.getDeadLetters() >= 0, fn.toString()));
        assertTrue(f.getRepo().getTotalUsers() >= 2);
    }
}
