package com.acme.im.gateway.contact;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
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
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.DeleteFriendRequest;
import com.acme.im.proto.logic.v1.ListFriendsRequest;
import com.acme.im.proto.logic.v1.ListFriendsResponse;
import com.acme.im.proto.logic.v1.SetFriendRemarkRequest;

/**
 * 好友列表（带调用者给每个好友的备注）、设置/清除备注、删除好友（双方同时解除）。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段、ID 非正数、分页参数越界或文本超长", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/friends")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "contacts")
public class FriendController {

    private final ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private final Deadlines deadlines;

    public FriendController(ContactServiceGrpc.ContactServiceBlockingStub contacts, Deadlines deadlines) {
        this.contacts = contacts;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "listFriends", summary = "好友列表，按好友用户 ID 升序游标分页，附备注与对方当前资料")
    @Get
    public ContactViews.FriendPage list(Authentication authentication,
                                        @QueryValue("after_user_id") @Nullable @PositiveOrZero Long afterUserId,
                                        @Parameter(required = false) @QueryValue(defaultValue = "200") @Min(1) @Max(Limits.MAX_CONTACT_PAGE) int limit) {
        long userId = AuthenticatedUser.of(authentication).userId();
        ListFriendsResponse r = deadlines.logic(contacts).listFriends(ListFriendsRequest.newBuilder()
                .setUserId(userId).setAfterUserId(afterUserId == null ? 0 : afterUserId).setLimit(limit).build());
        return new ContactViews.FriendPage(r.getFriendsList().stream().map(ContactViews.FriendView::of).toList(), r.getHasMore());
    }

    @Operation(operationId = "setFriendRemark", summary = "设置给某好友的备注；remark 为空串或 null 时清除。只有自己看得到")
    @ApiResponse(responseCode = "403", description = "5001 对方不是调用者的好友", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{user_id}")
    public ContactViews.FriendView setRemark(Authentication authentication, @PathVariable("user_id") @Positive long friendId,
                                             @Body @Valid ContactViews.RemarkBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return ContactViews.FriendView.of(deadlines.logic(contacts).setFriendRemark(SetFriendRemarkRequest.newBuilder()
                .setUserId(userId).setFriendId(friendId).setRemark(body.remark() == null ? "" : body.remark()).build()).getFriend());
    }

    @Operation(operationId = "deleteFriend", summary = "删除好友：双方的好友关系与备注一起删除（对方不会收到通知）")
    @ApiResponse(responseCode = "204", description = "已删除")
    @ApiResponse(responseCode = "403", description = "5001 对方不是调用者的好友", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/{user_id}")
    public HttpResponse<Void> delete(Authentication authentication, @PathVariable("user_id") @Positive long friendId) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(contacts).deleteFriend(DeleteFriendRequest.newBuilder().setUserId(userId).setFriendId(friendId).build());
        return HttpResponse.noContent();
    }
}
