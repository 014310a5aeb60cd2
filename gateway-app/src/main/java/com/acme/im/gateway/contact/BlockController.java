package com.acme.im.gateway.contact;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import com.acme.im.proto.logic.v1.BlockUserRequest;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.ListBlocksRequest;
import com.acme.im.proto.logic.v1.ListBlocksResponse;
import com.acme.im.proto.logic.v1.UnblockUserRequest;

/**
 * 黑名单：拉黑后对方发来的单聊消息被拒（message-ack 带 5003，不保存不投递），对方不能再发好友申请，
 * 双方在彼此的在线状态查询里显示为离线。取消拉黑后一切恢复。拉黑与取消拉黑都是幂等的。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段、ID 非正数、分页参数越界或文本超长", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/blocks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "contacts")
public class BlockController {

    private final ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private final Deadlines deadlines;

    public BlockController(ContactServiceGrpc.ContactServiceBlockingStub contacts, Deadlines deadlines) {
        this.contacts = contacts;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "listBlocks", summary = "黑名单，按被拉黑用户 ID 升序游标分页")
    @Get
    public ContactViews.BlockPage list(Authentication authentication,
                                       @QueryValue("after_user_id") @Nullable @PositiveOrZero Long afterUserId,
                                       @Parameter(required = false) @QueryValue(defaultValue = "200") @Min(1) @Max(Limits.MAX_CONTACT_PAGE) int limit) {
        long userId = AuthenticatedUser.of(authentication).userId();
        ListBlocksResponse r = deadlines.logic(contacts).listBlocks(ListBlocksRequest.newBuilder()
                .setUserId(userId).setAfterUserId(afterUserId == null ? 0 : afterUserId).setLimit(limit).build());
        return new ContactViews.BlockPage(r.getBlocksList().stream().map(ContactViews.BlockView::of).toList(), r.getHasMore());
    }

    @Operation(operationId = "blockUser", summary = "拉黑（幂等）；不影响已有的好友关系，只是对方的消息与申请被拒、在线状态互相隐藏")
    @ApiResponse(responseCode = "204", description = "已拉黑")
    @ApiResponse(responseCode = "404", description = "2000 对方不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{user_id}")
    public HttpResponse<Void> block(Authentication authentication, @PathVariable("user_id") @Positive long target) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(contacts).blockUser(BlockUserRequest.newBuilder().setUserId(userId).setBlockedUserId(target).build());
        return HttpResponse.noContent();
    }

    @Operation(operationId = "unblockUser", summary = "取消拉黑（幂等：不在黑名单也返回 204）")
    @ApiResponse(responseCode = "204", description = "已取消")
    @Delete("/{user_id}")
    public HttpResponse<Void> unblock(Authentication authentication, @PathVariable("user_id") @Positive long target) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(contacts).unblockUser(UnblockUserRequest.newBuilder().setUserId(userId).setBlockedUserId(target).build());
        return HttpResponse.noContent();
    }
}
