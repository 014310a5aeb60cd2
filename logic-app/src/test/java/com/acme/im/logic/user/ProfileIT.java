package com.acme.im.logic.user;

import com.acme.im.logic.support.DownstreamProbe;
import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.logic.v1.GetUserProfileRequest;
import com.acme.im.proto.logic.v1.UpdateProfileRequest;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import com.acme.im.runtime.kafka.Topics;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 用户资料经 logic 与真实 repo-app：按 ID 查公开资料、修改昵称与头像（校验 1001），
 * 改名后离线推送立即带新昵称（repo 的 Redis 缓存与 logic 的显示名缓存都已作废）。
 */
@MicronautTest
class ProfileIT extends LogicItSupport {

    @Test
    void getAndUpdateProfile() {
        long alice = register("pf_alice").getUser().getId();
        User bob = register("pf_bob").getUser();
        User seen = users().getUserProfile(GetUserProfileRequest.newBuilder().setUserId(alice)
                .setTargetUserId(bob.getId()).build()).getUser();
        assertEquals(bob.getUsername(), seen.getUsername());
        assertEquals("pf_bob", seen.getNickname());
        assertEquals(2000, errorCodeOf(() -> users().getUserProfile(GetUserProfileRequest.newBuilder()
                .setUserId(alice).setTargetUserId(Long.MAX_VALUE).build())));
        assertEquals(1001, errorCodeOf(() -> users().getUserProfile(GetUserProfileRequest.newBuilder()
                .setUserId(alice).setTargetUserId(0).build())));

        User updated = users().updateProfile(UpdateProfileRequest.newBuilder().setUserId(alice)
                .setNickname("  Alice 新名字  ").setAvatarUrl("https://cdn.example.com/a.png").build()).getUser();
        assertEquals("Alice 新名字", updated.getNickname(), "surrounding spaces are trimmed");
        assertEquals("https://cdn.example.com/a.png", updated.getAvatarUrl());
        // 只改头像：昵称不变；空串清除头像
        User avatarOnly = users().updateProfile(UpdateProfileRequest.newBuilder().setUserId(alice).setAvatarUrl("").build()).getUser();
        assertEquals("Alice 新名字", avatarOnly.getNickname());
        assertEquals("", avatarOnly.getAvatarUrl());
        assertEquals("Alice 新名字", users().getUserProfile(GetUserProfileRequest.newBuilder().setUserId(bob.getId())
                .setTargetUserId(alice).build()).getUser().getNickname());

        for (UpdateProfileRequest bad : List.of(
                UpdateProfileRequest.newBuilder().setUserId(alice).setNickname("   ").build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setNickname("n".repeat(65)).build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setNickname("bad\u0007bell").build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setAvatarUrl("javascript:alert(1)").build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setAvatarUrl("ftp://example.com/a.png").build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setAvatarUrl("https://" + "a".repeat(510)).build(),
                UpdateProfileRequest.newBuilder().setUserId(alice).setAvatarUrl("not a url").build())) {
            assertEquals(1001, errorCodeOf(() -> users().updateProfile(bad)), bad.toString());
        }
        assertEquals("Alice 新名字", users().getUserProfile(GetUserProfileRequest.newBuilder().setUserId(alice)
                .setTargetUserId(alice).build()).getUser().getNickname(), "rejected updates change nothing");
    }

    @Test
    void pushNotificationsCarryTheNewNicknameRightAway() {
        long carol = register("pf_carol").getUser().getId();
        long dave = register("pf_dave").getUser().getId();
        String gateway = "pf-gw-" + run;
        connect(carol, gateway, "c1");
        String conv = single(carol, dave);
        try (DownstreamProbe probe = DownstreamProbe.listen(List.of(Topics.task("push")))) {
            // 第一条消息让 logic 缓存 carol 的显示名
            sendUpstream(text(carol, gateway, "c1", conv, "pf-1-" + run, "before"));
            assertEquals("pf_carol", awaitPush(probe, "pf-1-" + run).getPush().getSenderName());

            users().updateProfile(UpdateProfileRequest.newBuilder().setUserId(carol).setNickname("Carol Renamed").build());
            sendUpstream(text(carol, gateway, "c1", conv, "pf-2-" + run, "after"));
            TaskMessage push = awaitPush(probe, "pf-2-" + run);
            assertEquals("Carol Renamed", push.getPush().getSenderName());
            assertEquals("Carol Renamed", push.getPush().getTitle(), "a single chat is titled with the sender's name");
            assertEquals(List.of(dave), push.getPush().getRecipientIdsList());
        }
    }

    private static TaskMessage awaitPush(DownstreamProbe probe, String clientMsgId) {
        return probe.awaitTask(Topics.task("push"), t -> t.getPush().getMessage().getClientMsgId().equals(clientMsgId));
    }

    private UserServiceGrpc.UserServiceBlockingStub users() {
        return UserServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
