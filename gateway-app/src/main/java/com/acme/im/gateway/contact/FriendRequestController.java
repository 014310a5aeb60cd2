package com.acme.im.gateway.contact;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.limits.Limits;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import com.acme.im.proto.logic.v1.ContactServiceGrpc;
import com.acme.im.proto.logic.v1.ListFriendRequestsRequest;
import com.acme.im.proto.logic.v1.ListFriendRequestsResponse;
import com.acme.im.proto.logic.v1.RespondFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestRequest;
import com.acme.im.proto.logic.v1.SendFriendRequestResponse;

/**
 * 好友申请：发出、列出收到/发出的待处理申请、接受、拒绝、撤回。规则（重复申请幂等、反向申请自动接受、
 * 谁能处理）在 logic 与 repo；状态变化后在线设备收到 friend-request / friend-added 帧。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段、ID 非正数、分页参数越界或文本超长", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/friend-requests")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "contacts")
public class FriendRequestController {

    private final ContactServiceGrpc.ContactServiceBlockingStub contacts;
    private final Deadlines deadlines;

    public FriendRequestController(ContactServiceGrpc.ContactServiceBlockingStub contacts, Deadlines deadlines) {
        this.contacts = contacts;
        this.deadlines = deadlines;
    }

    @Operation(operationId = "sendFriendRequest", summary = "发好友申请；同向已有待处理申请时返回它（200，幂等），对方已向调用者发出待处理申请时直接接受（200，auto_accepted，双方收到 friend-added）")
    @ApiResponse(responseCode = "201", description = "新申请已发出，接收者的在线设备收到 friend-request 帧", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContactViews.SendResultView.class)))
    @ApiResponse(responseCode = "200", description = "返回已有的待处理申请，或反向申请已被自动接受", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContactViews.SendResultView.class)))
    @ApiResponse(responseCode = "403", description = "5003 对方已拉黑调用者，或调用者拉黑了对方", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "2000 对方不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "5000 已经是好友", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post
    public HttpResponse<ContactViews.SendResultView> send(Authentication authentication, @Body @Valid ContactViews.SendBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        SendFriendRequestResponse r = deadlines.logic(contacts).sendFriendRequest(SendFriendRequestRequest.newBuilder()
                .setUserId(userId).setToUserId(body.userId()).setNote(body.note() == null ? "" : body.note()).build());
        ContactViews.SendResultView view = new ContactViews.SendResultView(
                ContactViews.FriendRequestView.of(r.getRequest()), r.getCreated(), r.getAutoAccepted());
        return HttpResponse.status(r.getCreated() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    @Operation(operationId = "listFriendRequests", summary = "调用者收到（box=incoming，默认）或发出（box=outgoing）的待处理申请，按 ID 倒序")
    @Get
    public ContactViews.FriendRequestPage list(Authentication authentication,
                                               @Parameter(required = false, schema = @Schema(allowableValues = {"incoming", "outgoing"}))
                                               @QueryValue(defaultValue = "incoming") @Pattern(regexp = "incoming|outgoing") String box,
                                               @QueryValue("before_id") @Nullable @PositiveOrZero Long beforeId,
                                               @Parameter(required = false) @QueryValue(defaultValue = "200") @Min(1) @Max(Limits.MAX_CONTACT_PAGE) int limit) {
        long userId = AuthenticatedUser.of(authentication).userId();
        ListFriendRequestsResponse r = deadlines.logic(contacts).listFriendRequests(ListFriendRequestsRequest.newBuilder()
                .setUserId(userId).setOutgoing("outgoing".equals(box))
                .setBeforeId(beforeId == null ? 0 : beforeId).setLimit(limit).build());
        return new ContactViews.FriendRequestPage(
                r.getRequestsList().stream().map(ContactViews.FriendRequestView::of).toList(), r.getHasMore());
    }

    @Operation(operationId = "acceptFriendRequest", summary = "接受（只有接收者）；双方成为好友，双方的在线设备收到 friend-added 帧")
    @ApiResponse(responseCode = "403", description = "1003 调用者是发送者，不能接受自己的申请", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "1004 申请不存在或与调用者无关", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "5002 申请已被接受、拒绝或撤回", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{id}/accept")
    public ContactViews.FriendRequestView accept(Authentication authentication, @PathVariable @Positive long id) {
        return respond(authentication, id, "accept");
    }

    @Operation(operationId = "rejectFriendRequest", summary = "拒绝（只有接收者）；发送者不会收到通知")
    @ApiResponse(responseCode = "403", description = "1003 调用者是发送者", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "1004 申请不存在或与调用者无关", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "5002 申请已处理", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{id}/reject")
    public ContactViews.FriendRequestView reject(Authentication authentication, @PathVariable @Positive long id) {
        return respond(authentication, id, "reject");
    }

    @Operation(operationId = "cancelFriendRequest", summary = "撤回（只有发送者）")
    @ApiResponse(responseCode = "403", description = "1003 调用者是接收者", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "1004 申请不存在或与调用者无关", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "5002 申请已处理", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{id}/cancel")
    public ContactViews.FriendRequestView cancel(Authentication authentication, @PathVariable @Positive long id) {
        return respond(authentication, id, "cancel");
    }

    private ContactViews.FriendRequestView respond(Authentication authentication, long id, String action) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return ContactViews.FriendRequestView.of(deadlines.logic(contacts).respondFriendRequest(RespondFriendRequestRequest.newBuilder()
                .setUserId(userId).setRequestId(id).setAction(action).build()).getRequest());
    }
}
