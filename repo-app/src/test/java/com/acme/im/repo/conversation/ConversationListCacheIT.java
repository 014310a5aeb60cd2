package com.acme.im.repo.conversation;

import com.acme.im.proto.common.v1.Conversation;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.repo.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.CreateGroupRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GroupServiceGrpc;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.repo.v1.RecallMessageRequest;
import com.acme.im.proto.repo.v1.SaveMessageRequest;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.repo.v1.UpdateReadPointerRequest;
import com.acme.im.proto.repo.v1.UpdateUserRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import com.acme.im.runtime.conversation.ConversationId;
import io.grpc.ManagedChannel;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 会话列表第一页缓存：重复读取命中缓存，而每一种会改变列表所见内容的写（新消息、群消息、已读、置顶、对方改资料、
 * 撤回与遮蔽最后一条、加入新群、版本键被清空）之后的下一次读取都是新的内容。
 */
@MicronautTest
class ConversationListCacheIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    MeterRegistry meters;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private ConversationServiceGrpc.ConversationServiceBlockingStub conversations() {
        return TestData.deadline(ConversationServiceGrpc.newBlockingStub(channel));
    }

    private MessageServiceGrpc.MessageServiceBlockingStub messages() {
        return TestData.deadline(MessageServiceGrpc.newBlockingStub(channel));
    }

    private com.acme.im.proto.common.v1.Message send(String conv, long sender, String text) {
        return messages().saveMessage(SaveMessageRequest.newBuilder().setConversationId(conv).setSenderId(sender)
                .setType(MessageType.MESSAGE_TYPE_TEXT).setContent(text).setClientMsgId(TestData.unique("c")).build()).getMessage();
    }

    private List<Conversation> list(long user) {
        return conversations().getUserConversations(GetUserConversationsRequest.newBuilder().setUserId(user).build())
                .getConversationsList();
    }

    private double hits() {
        return meters.counter("im.repo.conversation_list_cache", "result", "hit").count();
    }

    @Test
    void repeatedReadsHitAndEveryChangeIsSeenOnTheNextRead() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        long c = TestData.newUser(channel);
        String ab = ConversationId.single(a, b).value();
        send(ab, b, "first");
        assertEquals("first", list(a).get(0).getLastMessage().getContent());

        // 第一次读之后按群集合回填，第二次起命中
        list(a);
        double before = hits();
        List<Conversation> again = list(a);
        assertEquals("first", again.get(0).getLastMessage().getContent());
        assertTrue(hits() > before, "an unchanged list is served from the cache");

        // 单聊新消息
        send(ab, b, "second");
        Conversation single = list(a).get(0);
        assertEquals("second", single.getLastMessage().getContent());
        assertEquals(2, single.getUnreadCount());

        // 已读
        conversations().updateReadPointer(UpdateReadPointerRequest.newBuilder().setUserId(a).setConversationId(ab)
                .setSeq(single.getLastMessage().getSeq()).build());
        assertEquals(0, list(a).get(0).getUnreadCount());

        // 加入新群：新群排到前面；群里的消息（只作废群自己的版本键）也立即可见
        String g = "g_" + TestData.deadline(GroupServiceGrpc.newBlockingStub(channel)).createGroup(CreateGroupRequest.newBuilder()
                .setName("cache-team").setOwnerId(c).addMemberIds(a).build()).getGroup().getId();
        send(g, c, "hello group");
        list(a);
        list(a);
        assertEquals(g, list(a).get(0).getId());
        send(g, c, "group again");
        assertEquals("group again", list(a).get(0).getLastMessage().getContent());

        // 置顶单聊：排到群前面
        conversations().updateConversationSettings(UpdateConversationSettingsRequest.newBuilder()
                .setUserId(a).setConversationId(ab).setPinned(true).build());
        assertEquals(ab, list(a).get(0).getId());

        // 对方改昵称：单聊显示的是对方资料
        TestData.deadline(UserServiceGrpc.newBlockingStub(channel)).updateUser(UpdateUserRequest.newBuilder()
                .setUserId(b).setNickname("bob-renamed").build());
        assertEquals("bob-renamed", list(a).get(0).getName());

        // 撤回单聊最后一条
        com.acme.im.proto.common.v1.Message last = send(ab, b, "to be recalled");
        assertEquals("to be recalled", list(a).get(0).getLastMessage().getContent());
        messages().recallMessage(RecallMessageRequest.newBuilder().setMessageId(last.getId()).setConversationId(ab)
                .setActorId(b).build());
        assertTrue(list(a).get(0).getLastMessage().getRecalledAt() > 0);

        // 遮蔽群里最后一条
        com.acme.im.proto.common.v1.Message bad = send(g, c, "bad words");
        list(a);
        messages().maskMessage(MaskMessageRequest.newBuilder().setMessageId(bad.getId()).setMaskedContent("*** words").build());
        assertEquals("*** words", list(a).stream().filter(x -> x.getId().equals(g)).findFirst().orElseThrow()
                .getLastMessage().getContent());

        // 版本键被清空（Redis 重启、FLUSHALL）：条目不再被承认
        list(a);
        redis.sync().del(ConversationVersionStore.userKey(a), ConversationVersionStore.conversationKey(g));
        send(g, c, "after flush");
        assertEquals("after flush", list(a).stream().filter(x -> x.getId().equals(g)).findFirst().orElseThrow()
                .getLastMessage().getContent());
    }
}
