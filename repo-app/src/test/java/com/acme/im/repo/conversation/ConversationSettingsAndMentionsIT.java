package com.acme.im.repo.conversation;

import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.GetUserConversationRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.PushSettingServiceGrpc;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.proto.repo.v1.RegisterPushTokenRequest;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageResult;
import com.acme.im.proto.repo.v1.SaveMessagesRequest;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsResponse;
import com.acme.im.proto.repo.v1.UpdateReadPointerRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.limits.Limits;
import io.grpc.ManagedChannel;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 会话设置与 @：置顶排序、部分更新、非成员 1003；SaveMessages 批内 @ 的成员校验（3011）、非群聊 3010、
 * 超过上限 3010，mention_seq 在同一事务推进（会话列表的 mentioned 直到读过那条为止）；
 * 推送令牌查询按免打扰过滤、被 @ 的照常返回。
 */
@MicronautTest
class ConversationSettingsAndMentionsIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    private ConversationServiceGrpc.ConversationServiceBlockingStub conversations() {
        return TestData.deadline(ConversationServiceGrpc.newBlockingStub(channel));
    }

    private MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private String newGroup(long owner, long... members) {
        CreateGroupRequest.Builder r = CreateGroupRequest.newBuilder().setName(TestData.unique("g")).setOwnerId(owner);
        for (long m : members) {
            r.addMemberIds(m);
        }
        return TestData.deadline(GroupServiceGrpc.newBlockingStub(channel)).createGroup(r.build()).getGroup().getConversationId();
    }

    private static SaveMessageRequest.Builder msg(String conv, long sender) {
        return SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent("hi").setClientMsgId(TestData.unique("c"));
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

    private Conversation conversation(long user, String conv) {
        return conversations().getUserConversation(GetUserConversationRequest.newBuilder()
                .setUserId(user).setConversationId(conv).build()).getConversation();
    }

    @Test
    void pinnedConversationsComeFirstAndSettingsArePartialUpdates() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String older = newGroup(a, b);
        String newer = newGroup(a, c);
        messages().saveMessage(msg(older, a).build());
        messages().saveMessage(msg(newer, a).build());
        List<String> before = conversations().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a).build())
                .getConversationsList().stream().map(Conversation::getId).toList();
        assertEquals(Set.of(newer, older), Set.copyOf(before));
        // 置顶排在后面的那个（两条消息可能落在同一毫秒，先后以实际列表为准）
        String last = before.get(1);
        String first = before.get(0);

        UpdateConversationSettingsResponse pinned = settings(a, last, true, null);
        assertTrue(pinned.getPinned());
        assertFalse(pinned.getMuted());
        List<Conversation> after = conversations().getUserConversations(
                GetUserConversationsRequest.newBuilder().setUserId(a).build()).getConversationsList();
        assertEquals(List.of(last, first), after.stream().map(Conversation::getId).toList());
        assertTrue(after.get(0).getPinned());
        assertFalse(after.get(1).getPinned());
        // 新消息也不会把未置顶的会话顶到置顶的前面
        messages().saveMessage(msg(first, a).build());
        assertEquals(last, conversations().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(a).build())
                .getConversations(0).getId());
        older = last;

        // 只改 muted，pinned 保持
        UpdateConversationSettingsResponse muted = settings(a, older, null, true);
        assertTrue(muted.getPinned());
        assertTrue(muted.getMuted());
        assertTrue(conversation(a, older).getMuted());
        // 设置是每个用户自己的
        assertFalse(conversation(b, older).getPinned());
        assertFalse(conversation(b, older).getMuted());
    }

    @Test
    void settingsNeedMembershipAndAtLeastOneField() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long outsider = TestData.newUser(channel);
        String group = newGroup(a, b);
        assertEquals(ErrorCode.FORBIDDEN.code(), TestData.errorCode(() -> settings(outsider, group, true, null)));
        assertEquals(ErrorCode.INVALID_PARAMETER.code(), TestData.errorCode(() -> settings(a, group, null, null)));
        String single = ConversationId.single(a, b).value();
        assertEquals(ErrorCode.FORBIDDEN.code(), TestData.errorCode(() -> settings(outsider, single, true, null)));
        // 单聊还没有消息时参与者也能设置（会话随之建立）
        assertTrue(settings(a, single, true, null).getPinned());
    }

    @Test
    void batchValidatesMentionsAndAdvancesMentionSeqInTheSameSave() {
        long owner = TestData.newUser(channel);
        long m1 = TestData.newUser(channel);
        long m2 = TestData.newUser(channel);
        long outsider = TestData.newUser(channel);
        String group = newGroup(owner, m1, m2);
        String single = ConversationId.single(owner, m1).value();

        List<SaveMessageResult> results = messages().saveMessages(SaveMessagesRequest.newBuilder()
                .addMessages(msg(group, owner).addMentionedUserIds(m1).addMentionedUserIds(m1))
                .addMessages(msg(group, owner).addMentionedUserIds(outsider))
                .addMessages(msg(single, owner).addMentionedUserIds(m1))
                .addMessages(msg(group, m1).setMentionAll(true))
                .addMessages(msg(group, owner).addAllMentionedUserIds(
                        LongStream.rangeClosed(1, Limits.MAX_MENTIONS + 1).boxed().toList()))
                .build()).getResultsList();

        Message toM1 = results.get(0).getMessage();
        assertEquals(List.of(m1), toM1.getMentionedUserIdsList(), "duplicates are merged");
        assertEquals(ErrorCode.MENTION_NOT_MEMBER.code(), results.get(1).getErrorCode());
        assertEquals(ErrorCode.INVALID_MENTIONS.code(), results.get(2).getErrorCode());
        Message all = results.get(3).getMessage();
        assertTrue(all.getMentionAll());
        assertEquals(ErrorCode.INVALID_MENTIONS.code(), results.get(4).getErrorCode());

        // m1 被单独 @（seq 1），又被 @所有人（m1 自己发的，他的已读随之推进）；m2 只被 @所有人
        Conversation forM1 = conversation(m1, group);
        assertEquals(all.getSeq(), forM1.getMentionSeq());
        assertFalse(forM1.getMentioned(), "own @all message is read by its sender");
        Conversation forM2 = conversation(m2, group);
        assertTrue(forM2.getMentioned());
        assertEquals(all.getSeq(), forM2.getMentionSeq());
        Conversation forOwner = conversation(owner, group);
        assertTrue(forOwner.getMentioned(), "@all reaches the owner too");

        // 读到那条之后不再显示“有人@我”
        conversations().updateReadPointer(UpdateReadPointerRequest.newBuilder()
                .setUserId(m2).setConversationId(group).setSeq(all.getSeq()).build());
        assertFalse(conversation(m2, group).getMentioned());

        // 历史带着 @
        List<Message> history = messages().getConversationMessages(GetConversationMessagesRequest.newBuilder()
                .setConversationId(group).setLimit(10).build()).getMessagesList();
        assertEquals(List.of(m1), history.stream().filter(x -> x.getId() == toM1.getId()).findFirst().orElseThrow()
                .getMentionedUserIdsList());
        assertTrue(history.stream().filter(x -> x.getId() == all.getId()).findFirst().orElseThrow().getMentionAll());
    }

    @Test
    void singleSaveAlsoChecksMentions() {
        long owner = TestData.newUser(channel);
        long m1 = TestData.newUser(channel);
        long outsider = TestData.newUser(channel);
        String group = newGroup(owner, m1);
        assertEquals(ErrorCode.MENTION_NOT_MEMBER.code(),
                TestData.errorCode(() -> messages().saveMessage(msg(group, owner).addMentionedUserIds(outsider).build())));
        Message saved = messages().saveMessage(msg(group, owner).addMentionedUserIds(m1).build()).getMessage();
        assertEquals(saved.getSeq(), conversation(m1, group).getMentionSeq());
        assertTrue(conversation(m1, group).getMentioned());
    }

    @Test
    void pushTokensSkipMutedUsersUnlessMentioned() {
        long owner = TestData.newUser(channel);
        long muted = TestData.newUser(channel);
        long loud = TestData.newUser(channel);
        String group = newGroup(owner, muted, loud);
        PushSettingServiceGrpc.PushSettingServiceBlockingStub push = TestData.deadline(PushSettingServiceGrpc.newBlockingStub(channel));
        for (long u : new long[]{muted, loud}) {
            push.registerPushToken(RegisterPushTokenRequest.newBuilder().setEnabled(true).setToken(PushToken.newBuilder()
                    .setUserId(u).setDeviceId("phone").setPlatform("fcm").setToken(TestData.unique("tok"))).build());
        }
        settings(muted, group, null, true);

        assertEquals(Set.of(loud), pushed(push, GetPushTokensRequest.newBuilder().addUserIds(muted).addUserIds(loud)
                .setConversationId(group)));
        assertEquals(Set.of(muted, loud), pushed(push, GetPushTokensRequest.newBuilder().addUserIds(muted).addUserIds(loud)
                .setConversationId(group).addMentionedUserIds(muted)));
        assertEquals(Set.of(muted, loud), pushed(push, GetPushTokensRequest.newBuilder().addUserIds(muted).addUserIds(loud)
                .setConversationId(group).setMentionAll(true)));
        // 不给会话时行为不变（旧调用方）
        assertEquals(Set.of(muted, loud), pushed(push, GetPushTokensRequest.newBuilder().addUserIds(muted).addUserIds(loud)));
        // 免打扰只对该会话生效
        String other = newGroup(owner, muted);
        assertEquals(Set.of(muted), pushed(push, GetPushTokensRequest.newBuilder().addUserIds(muted).setConversationId(other)));
    }

    private static Set<Long> pushed(PushSettingServiceGrpc.PushSettingServiceBlockingStub push, GetPushTokensRequest.Builder r) {
        return push.getPushTokens(r.build()).getTokensList().stream().map(PushToken::getUserId).collect(Collectors.toSet());
    }
}
