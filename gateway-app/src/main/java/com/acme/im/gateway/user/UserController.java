package com.acme.im.gateway.user;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.GetUserByUsernameRequest;
import com.acme.im.proto.logic.v1.UserServiceGrpc;
import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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
import jakarta.validation.constraints.Size;

/**
 * 按用户名找人：客户端拿到用户 ID 后调用 POST /api/v1/conversations/single 打开单聊。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：用户名不符合注册规则", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "users")
public class UserController {

    private final UserServiceGrpc.UserServiceBlockingStub users;
    private final Deadlines deadlines;

    public UserController(UserServiceGrpc.UserServiceBlockingStub users, Deadlines deadlines) {
        this.users = users;
        this.deadlines = deadlines;
    }

    @Operation(summary = "按用户名（精确匹配）查用户公开资料")
    @ApiResponse(responseCode = "404", description = "2000 用户不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/by-username/{username}")
    public UserViews.UserView byUsername(Authentication authentication, @PathVariable @Size(min = 1, max = 64) String username) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return UserViews.UserView.of(deadlines.logic(users).getUserByUsername(GetUserByUsernameRequest.newBuilder()
                .setUserId(userId).setUsername(username).build()).getUser());
    }
}
