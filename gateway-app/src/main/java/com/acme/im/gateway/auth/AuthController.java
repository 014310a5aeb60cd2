package com.acme.im.gateway.auth;

import com.acme.im.runtime.error.ErrorBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.LoginRequest;
import com.acme.im.proto.logic.v1.LoginResponse;
import com.acme.im.proto.logic.v1.LogoutRequest;
import com.acme.im.proto.logic.v1.RefreshTokenRequest;
import com.acme.im.proto.logic.v1.RegisterRequest;
import com.acme.im.proto.logic.v1.RegisterResponse;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * 认证：注册、登录、刷新、登出，原样转给 logic 的 AuthService。
 * gRPC 是阻塞调用，放到 BLOCKING 线程池，避免占住事件循环。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
public class AuthController {

    private final AuthServiceGrpc.AuthServiceBlockingStub auth;
    private final Deadlines deadlines;
    private final SessionValidityCache sessions;

    public AuthController(AuthServiceGrpc.AuthServiceBlockingStub auth, Deadlines deadlines, SessionValidityCache sessions) {
        this.auth = auth;
        this.deadlines = deadlines;
        this.sessions = sessions;
    }

    @Operation(summary = "注册并登录；用户名非法 1001，已存在 2001")
    @ApiResponse(responseCode = "409", description = "2001 用户名已存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/register")
    @Status(HttpStatus.CREATED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AuthViews.SessionView register(@Body @Valid AuthViews.RegisterBody body) {
        RegisterResponse r = deadlines.logic(auth).register(RegisterRequest.newBuilder()
                .setUsername(body.username())
                .setPassword(body.password())
                .setNickname(body.nickname() == null ? "" : body.nickname())
                .build());
        return AuthViews.SessionView.of(r.getUser(), r.getTokens());
    }

    @Operation(summary = "登录；用户名或密码错误 2002")
    @ApiResponse(responseCode = "401", description = "2002 用户名或密码错误", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AuthViews.SessionView login(@Body @Valid AuthViews.LoginBody body) {
        LoginResponse r = deadlines.logic(auth).login(LoginRequest.newBuilder()
                .setUsername(body.username())
                .setPassword(body.password())
                .setDeviceId(body.deviceId() == null ? "" : body.deviceId())
                .build());
        return AuthViews.SessionView.of(r.getUser(), r.getTokens());
    }

    @Operation(summary = "用刷新令牌换新令牌对（刷新令牌轮换，旧的作废）")
    @ApiResponse(responseCode = "401", description = "1002 刷新令牌无效、过期或已被使用（轮换后重用会吊销整个会话）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    public AuthViews.TokenView refresh(@Body @Valid AuthViews.RefreshBody body) {
        return AuthViews.TokenView.of(deadlines.logic(auth)
                .refreshToken(RefreshTokenRequest.newBuilder().setRefreshToken(body.refreshToken()).build())
                .getTokens());
    }

    @Operation(summary = "登出：访问令牌与刷新令牌立即失效，该会话的 WebSocket 连接被关闭",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "204", description = "已登出")
    @ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/logout")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    public HttpResponse<Void> logout(HttpRequest<?> request, Authentication authentication) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ImException(ErrorCode.UNAUTHORIZED, "logout requires the access token in the Authorization header");
        }
        deadlines.logic(auth).logout(LogoutRequest.newBuilder().setAccessToken(header.substring(7).trim()).build());
        // 本网关不等自己消费到吊销广播：登出返回后同一令牌的下一个请求必须立即被拒绝
        AuthenticatedUser user = AuthenticatedUser.of(authentication);
        sessions.markRevoked(user.userId(), user.sessionId());
        return HttpResponse.noContent();
    }
}
