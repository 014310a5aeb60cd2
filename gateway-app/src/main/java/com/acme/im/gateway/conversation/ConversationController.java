package com.acme.im.gateway.conversation;

import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.AsyncCalls;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.gateway.trace.TraceFilter;
import com.acme.im.runtime.trace.TraceContext;
import com.google.common.util.concurrent.ListenableFuture;
import io.micronaut.http.HttpRequest;
import com.acme.im.proto.logic.v1.ConversationServiceGrpc;
import com.acme.im.proto.repo.v1.GetConversationMessagesRequest;
import com.acme.im.proto.repo.v1.GetConversationMessagesResponse;
import com.acme.im.proto.repo.v1.GetUserConversationsRequest;
import com.acme.im.proto.repo.v1.GetUserConversationsResponse;
import com.acme.im.proto.repo.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.JoinWorldRequest;
import com.acme.im.proto.logic.v1.LeaveWorldRequest;
import com.acme.im.proto.logic.v1.MarkAsReadRequest;
import com.acme.im.proto.logic.v1.MarkAsReadResponse;
import com.acme.im.proto.logic.v1.OpenSingleConversationRequest;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.logic.v1.UpdateConversationSettingsResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.acme.im.runtime.limits.Limits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.concurrent.CompletableFuture;

/**
 * 会话：列表、历史消息、已读、打开单聊、世界聊天室。调用者身份只取自令牌。
 * 会话 ID 形如 s_1_2、g_7、world；非成员 1003（群为 4001）。
 * 列表与历史是最热的读接口：直接、非阻塞地调用 repo（见 AsyncCalls；读权限由 repo 凭 reader_id 判定），
 * 不经 logic 中转，省掉每个请求一跳 gRPC 与两次线程交接（docs/architecture.md 的偏离说明）；
 * 其余接口经 logic，在阻塞线程池上执行。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 或 repo 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "conversations")
public class ConversationController {

    private final ConversationServiceGrpc.ConversationServiceBlockingStub conversations;
    private final com.acme.im.proto.repo.v1.ConversationServiceGrpc.ConversationServiceFutureStub lists;
    private final MessageServiceGrpc.MessageServiceFutureStub history;
    private final Deadlines deadlines;

    public ConversationController(ConversationServiceGrpc.ConversationServiceBlockingStub conversations,
                                  com.acme.im.proto.repo.v1.ConversationServiceGrpc.ConversationServiceFutureStub lists,
                                  MessageServiceGrpc.MessageServiceFutureStub history,
                                  Deadlines deadlines) {
        this.conversations = conversations;
        this.lists = lists;
        this.history = history;
        this.deadlines = deadlines;
    }

    @Operation(summary = "会话列表：置顶的在前，其余按最后更新时间倒序；每项带 pinned、muted、mentioned（有人@我）")
    @Get("/conversations")
    public CompletableFuture<ConversationViews.ConversationPage> list(HttpRequest<?> request, Authentication authentication,
                                                   @Parameter(required = false) @QueryValue(defaultValue = "1") @Min(1) @Max(10000) int page,
                                                   @Parameter(required = false) @QueryValue(value = "page_size", defaultValue = "20") @Min(1) @Max(100) int pageSize) {
        long userId = AuthenticatedUser.of(authentication).userId();
        ListenableFuture<GetUserConversationsResponse> call;
        try (TraceContext.Scope ignored = TraceContext.open(TraceFilter.traceIdOf(request))) {
            call = deadlines.repo(lists).getUserConversations(GetUserConversationsRequest.newBuilder()
                    .setUserId(userId).setPage(page).setPageSize(pageSize).build());
        }
        return AsyncCalls.completable(call, request).thenApply(r -> new ConversationViews.ConversationPage(
                r.getConversationsList().stream().map(ConversationViews.ConversationView::of).toList(), r.getTotal()));
    }

    @Operation(summary = "历史消息：before_seq 向前翻页，after_seq 断线补拉；结果按 seq 升序")
    @ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；群会话为 4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群会话对应的群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/conversations/{id}/messages")
    public CompletableFuture<ConversationViews.MessagePage> messages(HttpRequest<?> request, Authentication authentication,
                                                  @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                                  @QueryValue(value = "before_seq") @Nullable @PositiveOrZero Long beforeSeq,
                                                  @QueryValue(value = "after_seq") @Nullable @PositiveOrZero Long afterSeq,
                                                  @Parameter(required = false) @QueryValue(defaultValue = "" + Limits.DEFAULT_HISTORY_PAGE) @Min(1) @Max(Limits.MAX_HISTORY_PAGE) int limit) {
        long userId = AuthenticatedUser.of(authentication).userId();
        GetConversationMessagesRequest.Builder query = GetConversationMessagesRequest.newBuilder()
                .setReaderId(userId).setConversationId(id)
                .setBeforeSeq(beforeSeq == null ? 0 : beforeSeq)
                .setLimit(limit);
        if (afterSeq != null) {
            // after_seq=0 表示“我还什么都没有”：从第一条开始，而不是最新一页
            query.setAfterSeq(afterSeq);
        }
        ListenableFuture<GetConversationMessagesResponse> call;
        try (TraceContext.Scope ignored = TraceContext.open(TraceFilter.traceIdOf(request))) {
            call = deadlines.repo(history).getConversationMessages(query.build());
        }
        return AsyncCalls.completable(call, request).thenApply(r -> new ConversationViews.MessagePage(
                r.getMessagesList().stream().map(ConversationViews.MessageView::of).toList(), r.getHasMore()));
    }

    @Operation(summary = "标记已读到 seq；单聊对方收到 read-receipt 帧")
    @ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；群会话为 4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群会话对应的群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/conversations/{id}/read")
    public ConversationViews.ReadView read(Authentication authentication,
                                           @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                           @Body @Valid ConversationViews.ReadBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        MarkAsReadResponse r = deadlines.logic(conversations).markAsRead(MarkAsReadRequest.newBuilder()
                .setUserId(userId).setConversationId(id).setSeq(body.seq()).build());
        return new ConversationViews.ReadView(r.getReadSeq(), r.getUnreadCount());
    }

    @Operation(summary = "修改调用者对会话的置顶、免打扰（只改给出的字段）；调用者的全部在线连接收到 conversation-settings 帧")
    @ApiResponse(responseCode = "200", description = "修改后的设置")
    @ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；群会话为 4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Put("/conversations/{id}/settings")
    public ConversationViews.SettingsView updateSettings(Authentication authentication,
                                                         @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                                         @Body @Valid ConversationViews.SettingsBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        UpdateConversationSettingsRequest.Builder request = UpdateConversationSettingsRequest.newBuilder()
                .setUserId(userId).setConversationId(id);
        if (body.pinned() != null) {
            request.setPinned(body.pinned());
        }
        if (body.muted() != null) {
            request.setMuted(body.muted());
        }
        UpdateConversationSettingsResponse r = deadlines.logic(conversations).updateConversationSettings(request.build());
        return new ConversationViews.SettingsView(r.getConversationId(), r.getPinned(), r.getMuted(), r.getUpdatedAt());
    }

    @Operation(summary = "打开与某用户的单聊（不存在则创建）")
    @ApiResponse(responseCode = "404", description = "2000 对方用户不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/conversations/single")
    public ConversationViews.ConversationIdView openSingle(Authentication authentication,
                                                           @Body @Valid ConversationViews.OpenSingleBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return new ConversationViews.ConversationIdView(deadlines.logic(conversations)
                .openSingleConversation(OpenSingleConversationRequest.newBuilder()
                        .setUserId(userId).setPeerUserId(body.peerUserId()).build())
                .getConversationId());
    }

    @Operation(summary = "加入世界聊天室")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/world/join")
    public ConversationViews.ConversationIdView joinWorld(Authentication authentication) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return new ConversationViews.ConversationIdView(deadlines.logic(conversations)
                .joinWorld(JoinWorldRequest.newBuilder().setUserId(userId).build())
                .getConversationId());
    }

    @Operation(summary = "离开世界聊天室")
    @ApiResponse(responseCode = "204", description = "已离开世界聊天室")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Delete("/world/join")
    public HttpResponse<Void> leaveWorld(Authentication authentication) {
        long userId = AuthenticatedUser.of(authentication).userId();
        deadlines.logic(conversations).leaveWorld(LeaveWorldRequest.newBuilder().setUserId(userId).build());
        return HttpResponse.noContent();
    }

    @Operation(summary = "离开世界聊天室（与 DELETE /world/join 相同）")
    @ApiResponse(responseCode = "204", description = "已离开世界聊天室")
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Post("/world/leave")
    public HttpResponse<Void> leaveWorldPost(Authentication authentication) {
        return leaveWorld(authentication);
    }
}
