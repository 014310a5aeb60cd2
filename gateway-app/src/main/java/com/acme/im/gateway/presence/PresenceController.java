package com.acme.im.gateway.presence;

import com.acme.im.runtime.error.ErrorBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.GetPresenceRequest;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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
 * 批量在线状态查询（客户端联系人列表），转给 logic 的 PresenceService。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/presence")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "presence")
public class PresenceController {

    private final PresenceServiceGrpc.PresenceServiceBlockingStub presence;
    private final Deadlines deadlines;

    public PresenceController(PresenceServiceGrpc.PresenceServiceBlockingStub presence, Deadlines deadlines) {
        this.presence = presence;
        this.deadlines = deadlines;
    }

    @Operation(summary = "批量查询在线状态，最多 500 个用户")
    @Post("/query")
    public PresenceViews.PresencePage query(Authentication authentication, @Body @Valid PresenceViews.QueryBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return new PresenceViews.PresencePage(deadlines.logic(presence).getPresence(GetPresenceRequest.newBuilder()
                        .setUserId(userId).addAllUserIds(body.userIds()).build())
                .getPresencesList().stream().map(PresenceViews.PresenceView::of).toList());
    }
}
