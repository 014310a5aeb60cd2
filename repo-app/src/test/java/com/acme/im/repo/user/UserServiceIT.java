package com.acme.im.repo.user;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.GetUsersRequest;
import com.acme.im.proto.repo.v1.UpdateUserRequest;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.proto.repo.v1.VerifyPasswordRequest;
import com.acme.im.repo.GrpcTestChannel;
import com.acme.im.repo.TestData;
import io.grpc.ManagedChannel;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * 用户：唯一用户名、批量获取、密码校验（哈希不外泄），以及更新后不会读到缓存里的旧值。
 */
@MicronautTest
class UserServiceIT {

    @Inject
    @Named(GrpcTestChannel.NAME)
    ManagedChannel channel;

    @Inject
    StatefulRedisConnection<String, String> redis;

    private UserServiceGrpc.UserServiceBlockingStub stub() {
        return TestData.deadline(UserServiceGrpc.newBlockingStub(channel));
    }

    @Test
    void createGetAndVerify() {
        String name = TestData.unique("alice");
        User u = stub().createUser(CreateUserRequest.newBuilder().setUsername(name).setPassword("pa55word").build()).getUser();
        assertEquals(name, u.getNickname(), "nickname defaults to the username");
        assertEquals(u, stub().getUser(GetUserRequest.newBuilder().setUserId(u.getId()).build()).getUser());
        assertEquals(u, stub().getUser(GetUserRequest.newBuilder().setUsername(name).build()).getUser());
        assertEquals(u, stub().verifyPassword(VerifyPasswordRequest.newBuilder().setUsername(name).setPassword("pa55word")
                .build()).getUser());
        assertEquals(2002, TestData.errorCode(() -> stub().verifyPassword(VerifyPasswordRequest.newBuilder()
                .setUsername(name).setPassword("wrong").build())));
        assertEquals(2002, TestData.errorCode(() -> stub().verifyPassword(VerifyPasswordRequest.newBuilder()
                .setUsername(TestData.unique("nobody")).setPassword("pa55word").build())));
        assertEquals(2001, TestData.errorCode(() -> stub().createUser(CreateUserRequest.newBuilder().setUsername(name)
                .setPassword("other").build())));
    }

    @Test
    void getUsersIgnoresUnknownIdsAndKeepsOrder() {
        long a = TestData.newUser(channel);
        long b = TestData.newUser(channel);
        List<User> users = stub().getUsers(GetUsersRequest.newBuilder().addUserIds(b).addUserIds(Long.MAX_VALUE)
                .addUserIds(a).build()).getUsersList();
        assertEquals(List.of(b, a), users.stream().map(User::getId).toList());
        // 第二次全部命中缓存，结果相同
        assertEquals(users, stub().getUsers(GetUsersRequest.newBuilder().addUserIds(b).addUserIds(a).build()).getUsersList());
    }

    @Test
    void updateIsVisibleImmediatelyDespiteTheCache() {
        long id = TestData.newUser(channel);
        for (int i = 0; i < 5; i++) {
            // 先读一次把旧值放进缓存，再更新，随后的单个与批量读取都必须是新值
            stub().getUser(GetUserRequest.newBuilder().setUserId(id).build());
            assertNotNull(redis.sync().get("user:" + id), "the read filled the cache");
            String nick = "nick-" + i;
            User updated = stub().updateUser(UpdateUserRequest.newBuilder().setUserId(id).setNickname(nick).build()).getUser();
            assertEquals(nick, updated.getNickname());
            assertEquals(nick, stub().getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUser().getNickname());
            assertEquals(nick, stub().getUsers(GetUsersRequest.newBuilder().addUserIds(id).build()).getUsers(0).getNickname());
        }
        User avatarOnly = stub().updateUser(UpdateUserRequest.newBuilder().setUserId(id).setAvatarUrl("https://a/b.png").build())
                .getUser();
        assertEquals("nick-4", avatarOnly.getNickname(), "empty nickname means unchanged");
        assertEquals("https://a/b.png", stub().getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUser().getAvatarUrl());
        // clear_avatar 清除头像（缓存同样作废），昵称不变
        User cleared = stub().updateUser(UpdateUserRequest.newBuilder().setUserId(id).setClearAvatar(true).build()).getUser();
        assertEquals("", cleared.getAvatarUrl());
        assertEquals("nick-4", cleared.getNickname());
        assertEquals("", stub().getUser(GetUserRequest.newBuilder().setUserId(id).build()).getUser().getAvatarUrl());
        // 长度按字符计：64 个 emoji（128 个 UTF-16 单元）可以，65 个不行
        String emoji = "\uD83D\uDE00".repeat(64);
        assertEquals(emoji, stub().updateUser(UpdateUserRequest.newBuilder().setUserId(id).setNickname(emoji).build())
                .getUser().getNickname());
        assertEquals(1001, TestData.errorCode(() -> stub().updateUser(UpdateUserRequest.newBuilder().setUserId(id)
                .setNickname(emoji + "\uD83D\uDE00").build())));
    }

    @Test
    void badInputAndUnknownIds() {
        assertEquals(1001, TestData.errorCode(() -> stub().createUser(CreateUserRequest.newBuilder().setPassword("x").build())));
        assertEquals(1001, TestData.errorCode(() -> stub().createUser(CreateUserRequest.newBuilder()
                .setUsername(TestData.unique("p")).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().createUser(CreateUserRequest.newBuilder()
                .setUsername("x".repeat(65)).setPassword("p").build())));
        assertEquals(1001, TestData.errorCode(() -> stub().createUser(CreateUserRequest.newBuilder()
                .setUsername(TestData.unique("p")).setPassword("p".repeat(73)).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().getUser(GetUserRequest.newBuilder().setUserId(Long.MAX_VALUE).build())));
        assertEquals(2000, TestData.errorCode(() -> stub().getUser(GetUserRequest.newBuilder()
                .setUsername(TestData.unique("ghost")).build())));
        assertEquals(1001, TestData.errorCode(() -> stub().getUser(GetUserRequest.newBuilder().build())));
        assertEquals(2000, TestData.errorCode(() -> stub().updateUser(UpdateUserRequest.newBuilder()
                .setUserId(Long.MAX_VALUE).setNickname("n").build())));
        assertEquals(1001, TestData.errorCode(() -> stub().getUsers(GetUsersRequest.newBuilder().addUserIds(-1).build())));
        assertFalse(stub().getUsers(GetUsersRequest.newBuilder().build()).getUsersList().iterator().hasNext());
    }
}
