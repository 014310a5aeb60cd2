package com.acme.im.logic.user;

import com.acme.im.logic.support.LogicItSupport;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.logic.v1.GetUserByUsernameRequest;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 按用户名找人（网页客户端据此打开单聊），经 gRPC 与 repo-app：找到的是公开资料，不存在 2000，用户名非法 1001。
 */
@MicronautTest
class UserLookupIT extends LogicItSupport {

    @Test
    void findsAUserByExactUsername() {
        User bob = register("ubob").getUser();
        long alice = register("ualice").getUser().getId();

        User found = users().getUserByUsername(GetUserByUsernameRequest.newBuilder()
                .setUserId(alice).setUsername(bob.getUsername()).build()).getUser();
        assertEquals(bob.getId(), found.getId());
        assertEquals("ubob", found.getNickname());

        assertEquals(2000, errorCodeOf(() -> users().getUserByUsername(GetUserByUsernameRequest.newBuilder()
                .setUserId(alice).setUsername("nobody_" + run).build())));
        assertEquals(1001, errorCodeOf(() -> users().getUserByUsername(GetUserByUsernameRequest.newBuilder()
                .setUserId(alice).setUsername("a b").build())));
    }

    private UserServiceGrpc.UserServiceBlockingStub users() {
        return UserServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
