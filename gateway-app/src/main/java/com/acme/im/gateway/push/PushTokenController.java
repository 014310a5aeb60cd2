package com.acme.im.gateway.push;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.PushTokenServiceGrpc;
import com.acme.im.proto.logic.v1.RegisterPushTokenRequest;
import com.acme.im.proto.logic.v1.RemovePushTokenRequest;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import jakarta.validation.constraints.Size;

/**
 * 推送令牌：客户端拿到 APNs/FCM 令牌后为当前设备登记，用户离线时的新消息经推送服务送到这台设备；
 * 退出账号前删除。规则（平台、长度、令牌换账号）在 logic 与 repo。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、缺字段、平台不是 apns/fcm、令牌或设备 ID 超长或含非可打印 ASCII 字符", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/push-tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "push")
public class PushTokenController {

    private final PushTokenServiceGrpc.PushTokenServiceBlockingStub tokens;
    private final Deadlines deadlines;

    public PushTokenController(PushTokenServiceGrpc.PushTokenServiceBlockingStub tokens, Deadlines deadlines) {
        this.tokens = tokens;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "registerPushToken", summary = "登记（覆盖）当前设备的推送令牌；同一令牌此前属于别的账号时转到调用者名下")
    @ApiResponse(responseCode = "204", description = "已登记")
    @Put
    public HttpResponse<Void> register(Authentication authentication, @Body @Valid PushTokenViews.RegisterBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(tokens).registerPushToken(RegisterPushTokenRequest.newBuilder()
                .setUserId(userId)
                .setPlatform(body.platform())
                .setToken(body.token())
                .setDeviceId(body.deviceId())
                .build());
        return HttpResponse.noContent();
    }

    @Operation(operationId = "removePushToken", summary = "删除调用者某设备的推送令牌")
    @ApiResponse(responseCode = "204", description = "已删除")
    @ApiResponse(responseCode = "404", description = "1004 调用者在该设备上没有登记推送令牌（别人的设备也是 1004）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/{device_id}")
    public HttpResponse<Void> remove(Authentication authentication,
                                     @PathVariable("device_id") @Size(min = 1, max = Limits.MAX_DEVICE_ID) String deviceId) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(tokens).removePushToken(RemovePushTokenRequest.newBuilder()
                .setUserId(userId).setDeviceId(deviceId).build());
        return HttpResponse.noContent();
    }
}
