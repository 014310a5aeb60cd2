package com.acme.im.gateway.presence;

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
