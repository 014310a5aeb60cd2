package com.acme.im.repo.user;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.CreateUserRequest;
import com.acme.im.proto.repo.v1.CreateUserResponse;
import com.acme.im.proto.repo.v1.GetUserRequest;
import com.acme.im.proto.repo.v1.GetUserResponse;
import com.acme.im.proto.repo.v1.GetUsersRequest;
import com.acme.im.proto.repo.v1.GetUsersResponse;
import com.acme.im.proto.repo.v1.UpdateUserRequest;
import com.acme.im.proto.repo.v1.UpdateUserResponse;
import com.acme.im.proto.repo.v1.UserServiceGrpc;
import com.acme.im.proto.repo.v1.VerifyPasswordRequest;
import com.acme.im.proto.repo.v1.VerifyPasswordResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * UserService 的 gRPC 端点：只做 protobuf 转换，异常交给共享拦截器转成带错误码的状态。
 */
@Singleton
public class UserEndpoint extends UserServiceGrpc.UserServiceImplBase {

    private final UserService users;

    public UserEndpoint(UserService users) {
        this.users = users;
    }

    @Override
    public void createUser(CreateUserRequest request, StreamObserver<CreateUserResponse> observer) {
        UserRecord user = users.create(request.getUsername(), request.getPassword(), request.getNickname(),
                request.getAvatarUrl());
        observer.onNext(CreateUserResponse.newBuilder().setUser(toProto(user)).build());
        observer.onCompleted();
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<GetUserResponse> observer) {
        // 优先按 ID，未给 ID 时按用户名
        UserRecord user = request.getUserId() != 0 || request.getUsername().isEmpty()
                ? users.get(request.getUserId())
                : users.getByUsername(request.getUsername());
        observer.onNext(GetUserResponse.newBuilder().setUser(toProto(user)).build());
        observer.onCompleted();
    }

    @Override
    public void getUsers(GetUsersRequest request, StreamObserver<GetUsersResponse> observer) {
        GetUsersResponse.Builder out = GetUsersResponse.newBuilder();
        users.getMany(request.getUserIdsList()).forEach(u -> out.addUsers(toProto(u)));
        observer.onNext(out.build());
        observer.onCompleted();
    }

    @Override
    public void updateUser(UpdateUserRequest request, StreamObserver<UpdateUserResponse> observer) {
        UserRecord user = users.update(request.getUserId(), request.getNickname(), request.getAvatarUrl(),
                request.getClearAvatar());
        observer.onNext(UpdateUserResponse.newBuilder().setUser(toProto(user)).build());
        observer.onCompleted();
    }

    @Override
    public void verifyPassword(VerifyPasswordRequest request, StreamObserver<VerifyPasswordResponse> observer) {
        UserRecord user = users.verifyPassword(request.getUsername(), request.getPassword());
        observer.onNext(VerifyPasswordResponse.newBuilder().setUser(toProto(user)).build());
        observer.onCompleted();
    }

    static User toProto(UserRecord u) {
        return User.newBuilder()
                .setId(u.id())
                .setUsername(u.username())
                .setNickname(u.nickname())
                .setAvatarUrl(u.avatarUrl())
                .setCreatedAt(u.createdAt())
                .build();
    }
}
