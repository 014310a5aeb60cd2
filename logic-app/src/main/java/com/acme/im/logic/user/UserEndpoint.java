package com.acme.im.logic.user;

import com.acme.im.proto.logic.v1.GetUserByUsernameRequest;
import com.acme.im.proto.logic.v1.GetUserByUsernameResponse;
import com.acme.im.proto.logic.v1.GetUserProfileRequest;
import com.acme.im.proto.logic.v1.GetUserProfileResponse;
import com.acme.im.proto.logic.v1.UpdateProfileRequest;
import com.acme.im.proto.logic.v1.UpdateProfileResponse;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/**
 * UserService 的 gRPC 端点：只做协议转换。
 */
@Singleton
public class UserEndpoint extends UserServiceGrpc.UserServiceImplBase {

    private final UserLookupService users;
    private final ProfileService profiles;

    public UserEndpoint(UserLookupService users, ProfileService profiles) {
        this.users = users;
        this.profiles = profiles;
    }

    @Override
    public void getUserByUsername(GetUserByUsernameRequest request, StreamObserver<GetUserByUsernameResponse> observer) {
        observer.onNext(GetUserByUsernameResponse.newBuilder().setUser(users.byUsername(request.getUsername())).build());
        observer.onCompleted();
    }

    @Override
    public void getUserProfile(GetUserProfileRequest request, StreamObserver<GetUserProfileResponse> observer) {
        observer.onNext(GetUserProfileResponse.newBuilder().setUser(profiles.get(request.getTargetUserId())).build());
        observer.onCompleted();
    }

    @Override
    public void updateProfile(UpdateProfileRequest request, StreamObserver<UpdateProfileResponse> observer) {
        observer.onNext(UpdateProfileResponse.newBuilder().setUser(profiles.update(request.getUserId(),
                request.hasNickname() ? request.getNickname() : null,
                request.hasAvatarUrl() ? request.getAvatarUrl() : null)).build());
        observer.onCompleted();
    }
}
