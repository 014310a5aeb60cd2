package com.acme.im.gateway.user;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.GetUserProfileRequest;
import com.acme.im.proto.logic.v1.UpdateProfileRequest;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

/**
 * 用户资料：自己的资料（查看、修改昵称与头像）与按 ID 查别人的公开资料；与按用户名找人同一种响应体。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "users")
public class ProfileController {

    private final UserServiceGrpc.UserServiceBlockingStub users;
    private final Deadlines deadlines;

    public ProfileController(UserServiceGrpc.UserServiceBlockingStub users, Deadlines deadlines) {
        this.users = users;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "getMyProfile", summary = "调用者自己的资料")
    @Get("/me")
    public UserViews.UserView me(Authentication authentication) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return profile(userId, userId);
    }

    @Operation(operationId = "updateMyProfile", summary = "修改自己的昵称与头像；字段不给出（或为 null）表示不改，avatar_url 为空串表示清除头像")
    @ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式，昵称为空、超过 64 字符或含控制字符，头像不是 http(s) URL 或超过 512 字符", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/me")
    public UserViews.UserView updateMe(Authentication authentication, @Body @Valid UserViews.UpdateProfileBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        UpdateProfileRequest.Builder request = UpdateProfileRequest.newBuilder().setUserId(userId);
        if (body.nickname() != null) {
            request.setNickname(body.nickname());
        }
        if (body.avatarUrl() != null) {
            request.setAvatarUrl(body.avatarUrl());
        }
        return UserViews.UserView.of(deadlines.logic(users).updateProfile(request.build()).getUser());
    }

    @Operation(operationId = "getUserById", summary = "按 ID 查用户公开资料（ID、用户名、昵称、头像、注册时间，不含任何凭据或设备信息）")
    @ApiResponse(responseCode = "400", description = "1001 参数非法：ID 不是正整数", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "2000 用户不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/{id}")
    public UserViews.UserView byId(Authentication authentication, @PathVariable @Positive long id) {
        return profile(AuthenticatedUser.of(authentication).userId(), id);
    }

    private UserViews.UserView profile(long callerId, long targetId) {
        return UserViews.UserView.of(deadlines.logic(users).getUserProfile(GetUserProfileRequest.newBuilder()
                .setUserId(callerId).setTargetUserId(targetId).build()).getUser());
    }
}
