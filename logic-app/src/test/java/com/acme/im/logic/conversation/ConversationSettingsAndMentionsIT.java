package com.acme.im.logic.conversation;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.event.v1.ConversationSettingsEvent;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.GetConversationRequest;
import com.acme.im.proto.logic.v1.GetConversationsRequest;
import com.acme.im.proto.logic.v1.GetMessagesRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberRoleRequest;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.kafka.Topics;
import com.acme.im.runtime.kafka.TaskTypes;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * logic 的置顶/免打扰与 @：设置接口的权限与多设备同步帧；上行 @ 的规则（普通成员 @所有人 3012、非成员 3011、
 * 单聊 3010）、保存后的 new-message 与推送任务带着 @、会话列表的 mentioned。
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationSettingsAndMentionsIT extends LogicItSupport {

    private String gw;
    private long owner;
    private long admin;
    private long member;
    private long outsider;
    private String group;
    private DownstreamProbe probe;

    @BeforeAll
    void setUp() {
        gw = "it-pm-" + run;
        owner = register("pmowner").getUser().getId();
        admin = register("pmadmin").getUser().getId();
        member = register("pmmember").getUser().getId();
        outsider = register("pmoutsider").getUser().getId();
        Group g = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName("pm " + run)
                .addMemberIds(admin).addMemberIds(member).build()).getGroup();
        groups().setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder().setUserId(owner).setGroupId(g.getId())
                .setTargetUserId(admin).setRole(GroupRole.GROUP_ROLE_ADMIN).build());
        group = g.getConversationId();
        // owner、admin 在线（两个连接），member 离线
        connect(owner, gw, "o1");
        connect(owner, gw, "o2");
        connect(admin, gw, "ad1");
        probe = DownstreamProbe.listen(List.of(Topics.downstream(gw), Topics.task(TaskTypes.PUSH)));
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private UpdateConversationSettingsResponse settings(long user, String conv, Boolean pinned, Boolean muted) {
        UpdateConversationSettingsRequest.Builder r = UpdateConversationSettingsRequest.newBuilder()
                .setUserId(user).setConversationId(conv);
        if (pinned != null) {
            r.setPinned(pinned);
        }
        if (muted != null) {
            r.setMuted(muted);
        }
        return conversations().updateConversationSettings(r.build());
    }

    private MessageAckEvent send(long user, String conn, String clientMsgId, boolean all, long... mentioned) {
        return sendIn(group, user, conn, clientMsgId, all, mentioned);
    }

    private MessageAckEvent sendIn(String conv, long user, String conn, String clientMsgId, boolean all, long... mentioned) {
        var m = text(user, gw, conn, conv, clientMsgId, "hello @someone").toBuilder().setMentionAll(all);
        for (long u : mentioned) {
            m.addMentionedUserIds(u);
        }
        sendUpstream(m.build());
        return probe.awaitDelivery(Topics.downstream(gw), d -> d.hasMessageAck()
                && d.getMessageAck().getClientMsgId().equals(clientMsgId)).getMessageAck();
    }

    @Test
    void settingsArePerUserAndSyncedToAllOfTheUsersConnections() {
        UpdateConversationSettingsResponse r = settings(owner, group, true, null);
        assertTrue(r.getPinned());
        assertFalse(r.getMuted());
        assertEquals(group, r.getConversationId());
        DownstreamDelivery frame = probe.awaitDelivery(Topics.downstream(gw), d -> d.hasConversationSettings()
                && d.getConversationSettings().getUserId() == owner && d.getConversationSettings().getPinned());
        ConversationSettingsEvent e = frame.getConversationSettings();
        assertEquals(group, e.getConversationId());
        // 目标是该用户的全部连接（两台设备都收到）
        assertEquals(1, frame.getTargetsCount());
        assertEquals(owner, frame.getTargets(0).getUserId());
        assertEquals("", frame.getTargets(0).getConnectionId());

        Conversation listed = conversations().getConversations(GetConversationsRequest.newBuilder().setUserId(owner).build())
                .getConversationsList().stream().filter(c -> c.getId().equals(group)).findFirst().orElseThrow();
        assertTrue(listed.getPinned());
        assertFalse(conversations().getConversation(GetConversationRequest.newBuilder().setUserId(admin)
                .setConversationId(group).build()).getConversation().getPinned());
    }

    @Test
    void settingsErrors() {
        assertEquals(ErrorCode.NOT_GROUP_MEMBER.code(), errorCodeOf(() -> settings(outsider, group, true, null)));
        assertEquals(ErrorCode.INVALID_PARAMETER.code(), errorCodeOf(() -> settings(owner, group, null, null)));
        assertEquals(ErrorCode.FORBIDDEN.code(), errorCodeOf(() -> settings(outsider, single(owner, member), true, null)));
        assertEquals(ErrorCode.INVALID_PARAMETER.code(), errorCodeOf(() -> settings(owner, "x_1", true, null)));
    }

    @Test
    void mentionRulesAreCheckedPerMessage() {
        assertEquals(ErrorCode.MENTION_ALL_FORBIDDEN.code(), send(member, "m-none", "all-by-member-" + run, true).getErrorCode());
        assertEquals(ErrorCode.MENTION_NOT_MEMBER.code(), send(owner, "o1", "outsider-" + run, false, outsider).getErrorCode());
        var inSingle = text(owner, gw, "o1", single(owner, admin), "single-" + run, "hi").toBuilder()
                .addMentionedUserIds(admin).build();
        sendUpstream(inSingle);
        assertEquals(ErrorCode.INVALID_MENTIONS.code(), probe.awaitDelivery(Topics.downstream(gw), d -> d.hasMessageAck()
                && d.getMessageAck().getClientMsgId().equals("single-" + run)).getMessageAck().getErrorCode());
        // 管理员可以 @所有人
        assertEquals(0, send(admin, "ad1", "all-by-admin-" + run, true).getErrorCode());
    }

    @Test
    void mentionedOfflineMemberIsPushedWithMentionsAndSeesMentionedFlag() {
        // 测试配置的扩散阈值是 2：用两人群走实时投递与推送任务这条路径
        String duo = groups().createGroup(CreateGroupRequest.newBuilder().setUserId(owner).setName("pm duo " + run)
                .addMemberIds(member).build()).getGroup().getConversationId();
        settings(member, duo, null, true);
        MessageAckEvent ack = sendIn(duo, owner, "o1", "mention-member-" + run, false, member);
        assertEquals(0, ack.getErrorCode());
        // owner 的另一台设备（o2）收到的 new-message 带着 @
        DownstreamDelivery delivered = probe.awaitDelivery(Topics.downstream(gw), d -> d.hasNewMessage()
                && d.getNewMessage().getMessage().getId() == ack.getMessageId());
        assertEquals(List.of(member), delivered.getNewMessage().getMessage().getMentionedUserIdsList());
        // 离线的 member 进入推送任务（免打扰由 push-function 按 @ 判定），任务里的消息带着 @
        TaskMessage push = probe.awaitTask(Topics.task(TaskTypes.PUSH), t -> t.hasPush()
                && t.getPush().getMessage().getId() == ack.getMessageId());
        assertTrue(push.getPush().getRecipientIdsList().contains(member));
        assertEquals(List.of(member), push.getPush().getMessage().getMentionedUserIdsList());

        Conversation forMember = conversations().getConversation(GetConversationRequest.newBuilder().setUserId(member)
                .setConversationId(duo).build()).getConversation();
        assertTrue(forMember.getMentioned());
        assertTrue(forMember.getMuted());
        assertEquals(ack.getSeq(), forMember.getMentionSeq());
        assertTrue(conversations().getMessages(GetMessagesRequest.newBuilder().setUserId(member).setConversationId(duo)
                .setLimit(50).build()).getMessagesList().stream()
                .anyMatch(m -> m.getId() == ack.getMessageId() && m.getMentionedUserIdsList().equals(List.of(member))));
    }
}
