package com.acme.im.gateway.message;

import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.conversation.ConversationViews;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.EditMessageRequest;
import com.acme.im.proto.logic.v1.MessageServiceGrpc;
import com.acme.im.proto.logic.v1.RecallMessageRequest;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

/**
 * 撤回与编辑已发出的消息。选 REST 而不是 WebSocket 帧：调用有明确的成功/失败响应、可直接重试，
 * 也能写进 OpenAPI；结果仍经 WebSocket 实时推给会话的在线成员（message-recalled、message-edited 帧）。
 * 规则（发送者、时间窗、群主/管理员）在 logic 判定，调用者身份只取自令牌。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "404", description = "3000 消息不存在或不属于该会话；4000 群会话对应的群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "409", description = "3005 消息已被他人撤回（撤回者本人重试则再次返回墓碑），或已撤回的消息不能编辑；4003 群已解散，不能编辑", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，或撤回/编辑已保存但索引、审核任务还未被确认：可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/conversations/{id}/messages")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "messages")
public class MessageController {

    private final MessageServiceGrpc.MessageServiceBlockingStub messages;
    private final Deadlines deadlines;

    public MessageController(MessageServiceGrpc.MessageServiceBlockingStub messages, Deadlines deadlines) {
        this.messages = messages;
        this.deadlines = deadlines;
    }

    @Operation(summary = "撤回消息（对所有人删除）：发送者在撤回时间窗内（默认 2 分钟），群主/管理员任何时候；"
            + "历史里留下墓碑（content 为空、recalled 为 true），在线成员收到 message-recalled 帧，搜索不再命中")
    @ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；4001 不是群成员；3003 不是发送者（也不是群主/管理员）；3004 撤回时间窗已过", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{message_id}/recall")
    public ConversationViews.MessageView recall(Authentication authentication,
                                                @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                                @PathVariable("message_id") @Positive long messageId) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return ConversationViews.MessageView.of(deadlines.logic(messages).recallMessage(RecallMessageRequest.newBuilder()
                .setUserId(userId).setConversationId(id).setMessageId(messageId).build()).getMessage());
    }

    @Operation(summary = "编辑消息：只有发送者、在编辑时间窗内（默认 15 分钟）；历史与搜索显示新内容（带 edited_at），"
            + "在线成员收到 message-edited 帧，新内容重新审核")
    @ApiResponse(responseCode = "400", description = "1001 参数非法；3002 content 空白或超过 4096 个字符", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "403", description = "1003 不是该会话的成员；4001 不是群成员；3003 不是发送者；3004 编辑时间窗已过；4004 在群里被禁言；3002 只有文本消息可以编辑", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Patch("/{message_id}")
    public ConversationViews.MessageView edit(Authentication authentication,
                                              @PathVariable @Pattern(regexp = ConversationId.SYNTAX) String id,
                                              @PathVariable("message_id") @Positive long messageId,
                                              @Body @Valid MessageViews.EditBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return ConversationViews.MessageView.of(deadlines.logic(messages).editMessage(EditMessageRequest.newBuilder()
                .setUserId(userId).setConversationId(id).setMessageId(messageId).setContent(body.content()).build())
                .getMessage());
    }
}
