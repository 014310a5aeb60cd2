package com.acme.im.gateway.search;

import com.acme.im.runtime.error.ErrorBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.SearchMessagesRequest;
import com.acme.im.proto.logic.v1.SearchMessagesResponse;
import com.acme.im.proto.logic.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * 消息全文搜索：经 logic-app 查 Elasticsearch，只返回调用者所在会话中的消息；
 * 指定 conversation_id 时先校验成员关系（非成员 1003）。调用者身份只取自令牌。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/search")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "search")
public class SearchController {

    private final SearchServiceGrpc.SearchServiceBlockingStub search;
    private final Deadlines deadlines;

    public SearchController(@GrpcChannel("logic-app") ManagedChannel channel, Deadlines deadlines) {
        this.search = SearchServiceGrpc.newBlockingStub(channel);
        this.deadlines = deadlines;
    }

    @Operation(summary = "搜索消息（中英文），可限定会话，分页")
    @ApiResponse(responseCode = "403", description = "1003 不是指定会话的成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/messages")
    public SearchViews.SearchPage messages(Authentication authentication,
                                           @QueryValue @NotBlank @Size(max = 100) String q,
                                           @QueryValue(value = "conversation_id") @Nullable @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String conversationId,
                                           @Parameter(required = false) @QueryValue(defaultValue = "1") @Min(1) @Max(200) int page,
                                           @Parameter(required = false) @QueryValue(value = "page_size", defaultValue = "20") @Min(1) @Max(50) int pageSize) {
        long userId = AuthenticatedUser.of(authentication).userId();
        SearchMessagesResponse r = deadlines.logic(search).searchMessages(SearchMessagesRequest.newBuilder()
                .setUserId(userId).setQuery(q)
                .setConversationId(conversationId == null ? "" : conversationId)
                .setPage(page).setPageSize(pageSize).build());
        return new SearchViews.SearchPage(r.getHitsList().stream()
                .map(h -> new SearchViews.HitView(ConversationViews.MessageView.of(h.getMessage()), h.getScore())).toList(),
                r.getTotal(), page, pageSize);
    }
}
