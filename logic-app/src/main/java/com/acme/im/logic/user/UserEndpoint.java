package com.acme.im.logic.user;

import com.acme.im.proto.logic.v1.GetUserByUsernameRequest;
import com.acme.im.proto.logic.v1.GetUserByUsernameResponse;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * UserService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class UserEndpoint extends UserServiceGrpc.UserServiceImplBase {

    private final UserLookupService users;

    public UserEndpoint(UserLookupService users) {
        this.users = users;
    }

    @Override
    public void getUserByUsername(GetUserByUsernameRequest request, StreamObserver<GetUserByUsernameResponse> observer) {
        observer.onNext(GetUserByUsernameResponse.newBuilder().setUser(users.byUsername(request.getUsername())).build());
        observer.onCompleted();
    }
}
