package com.acme.im.gateway.device;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.auth.SessionValidityCache;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.DeviceServiceGrpc;
import com.acme.im.proto.logic.v1.ListDevicesRequest;
import com.acme.im.proto.logic.v1.RevokeDeviceRequest;
import com.acme.im.proto.logic.v1.RevokeDeviceResponse;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
 * 我的设备：列出调用者已登录的设备（有效会话），远程登出其中一台（与登出同一条吊销路径，
 * 该设备的 WebSocket 以 4001 关闭、令牌立即失效、推送令牌被删除）。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用或吊销广播失败，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/users/me/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "devices")
public class DeviceController {

    private final DeviceServiceGrpc.DeviceServiceBlockingStub devices;
    private final Deadlines deadlines;
    private final SessionValidityCache sessions;

    public DeviceController(DeviceServiceGrpc.DeviceServiceBlockingStub devices, Deadlines deadlines,
                            SessionValidityCache sessions) {
        this.devices = devices;
        this.deadlines = deadlines;
        this.sessions = sessions;
    }

    @Operation(operationId = "listDevices", summary = "调用者已登录的设备（有效会话），按登录时间倒序；current 标出发起请求的这一台")
    @Get
    public DeviceViews.DeviceList list(Authentication authentication) {
        AuthenticatedUser user = AuthenticatedUser.of(authentication);
        return new DeviceViews.DeviceList(deadlines.logic(devices).listDevices(ListDevicesRequest.newBuilder()
                        .setUserId(user.userId()).setCurrentSessionId(user.sessionId()).build())
                .getDevicesList().stream().map(DeviceViews.DeviceView::of).toList());
    }

    @Operation(operationId = "revokeDevice", summary = "远程登出调用者的一台设备：该设备 ID 下的会话全部吊销，其 WebSocket 以 4001 关闭，推送令牌被删除")
    @ApiResponse(responseCode = "204", description = "已登出")
    @ApiResponse(responseCode = "400", description = "1001 设备 ID 超长或含非可打印 ASCII 字符", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "1004 调用者没有以该设备 ID 登录的有效会话（别人的设备同样是 1004，不泄露其存在）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/{device_id}")
    public HttpResponse<Void> revoke(Authentication authentication,
                                     @PathVariable("device_id") @Size(min = 1, max = Limits.MAX_DEVICE_ID) String deviceId) {
        long userId = AuthenticatedUser.of(authentication).userId();
        RevokeDeviceResponse r = deadlines.logic(devices).revokeDevice(RevokeDeviceRequest.newBuilder()
                .setUserId(userId).setDeviceId(deviceId).build());
        // 与登出相同：本网关不等自己消费到吊销广播，被登出设备的下一个请求立即被拒绝
        r.getSessionIdsList().forEach(sid -> sessions.markRevoked(userId, sid));
        return HttpResponse.noContent();
    }
}
