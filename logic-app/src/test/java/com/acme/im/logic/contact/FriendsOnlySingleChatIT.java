package com.acme.im.logic.contact;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.event.v1.MessageAckEvent;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.OpenSingleConversationRequest;
import com.acme.im.proto.logic.v1.RespondFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestRequest;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * im.logic.contacts.friends-only-single-chat 打开时：非好友打开单聊 5001、单聊消息的 ack 5001；成为好友后照常。
 */
@MicronautTest
class FriendsOnlySingleChatIT extends LogicItSupport {

    private String gw;
    private DownstreamProbe probe;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("im.logic.contacts.friends-only-single-chat", "true");
        return p;
    }

    @BeforeAll
    void start() {
        gw = "fo-" + run;
        probe = DownstreamProbe.listen(List.of(Topics.downstream(gw)));
    }

    @AfterAll
    void closeProbe() {
        probe.close();
    }

    private ContactServiceGrpc.ContactServiceBlockingStub contacts() {
        return ContactServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private MessageAckEvent sendAndAck(long user, String conv, String clientMsgId) {
        sendUpstream(text(user, gw, "c-" + user, conv, clientMsgId, "hi"));
        return probe.awaitDelivery(Topics.downstream(gw),
                d -> d.hasMessageAck() && d.getMessageAck().getClientMsgId().equals(clientMsgId)).getMessageAck();
    }

    @Test
    void onlyFriendsCanChatOneToOne() {
        long alice = register("foalice").getUser().getId();
        long bob = register("fobob").getUser().getId();
        connect(alice, gw, "c-" + alice);
        assertEquals(5001, errorCodeOf(() -> conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(bob).build())));
        assertEquals(5001, sendAndAck(alice, single(alice, bob), "fo1-" + run).getErrorCode());

        long id = contacts().sendFriendRequest(SendFriendRequestRequest.newBuilder().setUserId(alice).setToUserId(bob).build())
                .getRequest().getId();
        contacts().respondFriendRequest(RespondFriendRequestRequest.newBuilder().setUserId(bob).setRequestId(id).setAction("accept").build());
        assertEquals(single(alice, bob), conversations().openSingleConversation(OpenSingleConversationRequest.newBuilder()
                .setUserId(alice).setPeerUserId(bob).build()).getConversationId());
        assertEquals(0, sendAndAck(alice, single(alice, bob), "fo2-" + run).getErrorCode());
    }
}
