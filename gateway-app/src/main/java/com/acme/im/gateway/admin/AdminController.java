package com.acme.im.gateway.admin;

import com.acme.im.gateway.auth.SessionValidityCache;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.AdminAddSensitiveWordsCall;
import com.acme.im.proto.logic.v1.AdminDissolveGroupCall;
import com.acme.im.proto.logic.v1.AdminDissolveGroupResponse;
import com.acme.im.proto.logic.v1.AdminGetSensitiveWordsCall;
import com.acme.im.proto.logic.v1.AdminGetSystemFiguresCall;
import com.acme.im.proto.logic.v1.AdminListActionsCall;
import com.acme.im.proto.logic.v1.AdminListAuditHitsCall;
import com.acme.im.proto.logic.v1.AdminListUsersCall;
import com.acme.im.proto.logic.v1.AdminLoginRequest;
import com.acme.im.proto.logic.v1.AdminRemoveSensitiveWordCall;
import com.acme.im.proto.logic.v1.AdminReviewAuditHitCall;
import com.acme.im.proto.logic.v1.AdminServiceGrpc;
import com.acme.im.proto.logic.v1.AdminSetUserBannedCall;
import com.acme.im.proto.repo.v1.AddSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.AdminListAuditHitsRequest;
import com.acme.im.proto.repo.v1.AdminListAuditHitsResponse;
import com.acme.im.proto.repo.v1.AdminListUsersRequest;
import com.acme.im.proto.repo.v1.AdminListUsersResponse;
import com.acme.im.proto.repo.v1.GetSensitiveWordsResponse;
import com.acme.im.proto.repo.v1.ListAdminActionsRequest;
import com.acme.im.proto.repo.v1.ListAdminActionsResponse;
import com.acme.im.proto.repo.v1.RemoveSensitiveWordResponse;
import com.acme.im.proto.repo.v1.SetUserBannedResponse;
import com.acme.im.runtime.error.ErrorBody;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
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
import jakarta.validation.constraints.Size;

/**
 * 管理后台：管理员是独立账号（不是用户），登录后拿到只在这里有效的管理员令牌。
 * 框架的用户认证对这些路由不起作用（IS_ANONYMOUS），令牌由 logic 的 AdminService 逐个请求校验：
 * 缺失、伪造、过期 7000（401）；拿用户令牌来 7001（403）。每个成功的管理操作都记入管理操作记录。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "7000 缺少管理员令牌，或令牌伪造、过期、其管理员已不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "403", description = "7001 用户令牌不能调用管理接口", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 或 repo 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "admin")
public class AdminController {

    private final AdminServiceGrpc.AdminServiceBlockingStub admin;
    private final Deadlines deadlines;
    private final SessionValidityCache sessions;

    public AdminController(AdminServiceGrpc.AdminServiceBlockingStub admin, Deadlines deadlines,
                           SessionValidityCache sessions) {
        this.admin = admin;
        this.deadlines = deadlines;
        this.sessions = sessions;
    }

    @Operation(operationId = "adminLogin", summary = "管理员登录：返回只在 /api/v1/admin/** 有效的管理员令牌（不能当用户令牌用）")
    @ApiResponse(responseCode = "200", description = "登录成功")
    @ApiResponse(responseCode = "401", description = "7002 管理员用户名或密码错误", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/login")
    public AdminViews.LoginView login(@Body @Valid AdminViews.LoginBody body) {
        return AdminViews.LoginView.of(deadlines.logic(admin).adminLogin(AdminLoginRequest.newBuilder()
                .setUsername(body.username()).setPassword(body.password()).build()));
    }

    @Operation(operationId = "adminListUsers", summary = "列出、搜索用户（用户名或昵称包含 q，不区分大小写），按 ID 升序分页，附封禁状态", security = @SecurityRequirement(name = "bearer"))
    @Get("/users")
    public AdminViews.UserPage listUsers(HttpRequest<?> request,
                                         @QueryValue("q") @Nullable @Size(max = 64) String q,
                                         @QueryValue("banned") @Nullable Boolean banned,
                                         @QueryValue("after_id") @Nullable @PositiveOrZero Long afterId,
                                         @Parameter(required = false) @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        AdminListUsersResponse r = deadlines.logic(admin).adminListUsers(AdminListUsersCall.newBuilder()
                .setAdminToken(token(request))
                .setQuery(AdminListUsersRequest.newBuilder().setQuery(q == null ? "" : q)
                        .setBannedOnly(Boolean.TRUE.equals(banned)).setAfterId(afterId == null ? 0 : afterId).setLimit(limit))
                .build());
        return new AdminViews.UserPage(r.getUsersList().stream().map(AdminViews.UserView::of).toList(),
                r.getNextAfterId() == 0 ? null : r.getNextAfterId());
    }

    @Operation(operationId = "adminBanUser", summary = "封禁用户：吊销其全部会话（令牌立即失效、WebSocket 以 4001 关闭），之后登录返回 7003；重复封禁是幂等的", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已封禁")
    @ApiResponse(responseCode = "404", description = "2000 用户不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/users/{user_id}/ban")
    public AdminViews.BanView ban(HttpRequest<?> request, @PathVariable("user_id") @Positive long userId,
                                  @Body @Valid AdminViews.BanBody body) {
        SetUserBannedResponse r = deadlines.logic(admin).adminSetUserBanned(AdminSetUserBannedCall.newBuilder()
                .setAdminToken(token(request)).setUserId(userId).setBanned(true)
                .setReason(body.reason() == null ? "" : body.reason()).build());
        // 与登出相同：本网关不等自己消费到吊销广播，被封用户的下一个请求立即被拒绝
        r.getRevokedSessionIdsList().forEach(sid -> sessions.markRevoked(userId, sid));
        return new AdminViews.BanView(AdminViews.UserView.of(r.getUser()), r.getRevokedSessionIdsCount());
    }

    @Operation(operationId = "adminUnbanUser", summary = "解封用户：之后可以重新登录（封禁时吊销的会话不会恢复）", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已解封")
    @ApiResponse(responseCode = "404", description = "2000 用户不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/users/{user_id}/ban")
    public AdminViews.BanView unban(HttpRequest<?> request, @PathVariable("user_id") @Positive long userId) {
        SetUserBannedResponse r = deadlines.logic(admin).adminSetUserBanned(AdminSetUserBannedCall.newBuilder()
                .setAdminToken(token(request)).setUserId(userId).setBanned(false).build());
        return new AdminViews.BanView(AdminViews.UserView.of(r.getUser()), 0);
    }

    @Operation(operationId = "adminDissolveGroup", summary = "解散任意群（不要求是群主）：成员收到 group-updated，会话变为只读", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已解散")
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/groups/{group_id}")
    public AdminViews.DissolvedView dissolve(HttpRequest<?> request, @PathVariable("group_id") @Positive long groupId) {
        AdminDissolveGroupResponse r = deadlines.logic(admin).adminDissolveGroup(AdminDissolveGroupCall.newBuilder()
                .setAdminToken(token(request)).setGroupId(groupId).build());
        return new AdminViews.DissolvedView(r.getGroupId(), r.getDissolvedAt());
    }

    @Operation(operationId = "adminListAuditHits", summary = "审核命中列表（新的在前，按 before_id 游标分页）；status 为 all、unreviewed 或 reviewed", security = @SecurityRequirement(name = "bearer"))
    @Get("/audit-hits")
    public AdminViews.AuditHitPage listAuditHits(HttpRequest<?> request,
                                                 @QueryValue("status") @Nullable @Pattern(regexp = "all|unreviewed|reviewed") String status,
                                                 @QueryValue("conversation_id") @Nullable @Size(max = 64) String conversationId,
                                                 @QueryValue("before_id") @Nullable @PositiveOrZero Long beforeId,
                                                 @Parameter(required = false) @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        AdminListAuditHitsResponse r = deadlines.logic(admin).adminListAuditHits(AdminListAuditHitsCall.newBuilder()
                .setAdminToken(token(request))
                .setQuery(AdminListAuditHitsRequest.newBuilder().setStatus(status == null ? "" : status)
                        .setConversationId(conversationId == null ? "" : conversationId)
                        .setBeforeId(beforeId == null ? 0 : beforeId).setLimit(limit))
                .build());
        return new AdminViews.AuditHitPage(r.getHitsList().stream().map(AdminViews.AuditHitView::of).toList(),
                r.getNextBeforeId() == 0 ? null : r.getNextBeforeId());
    }

    @Operation(operationId = "adminReviewAuditHit", summary = "复核一条审核命中：confirmed 确认违规，dismissed 驳回误报（可改判）", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已复核")
    @ApiResponse(responseCode = "404", description = "7004 审核命中不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/audit-hits/{hit_id}/review")
    public AdminViews.AuditHitView review(HttpRequest<?> request, @PathVariable("hit_id") @Positive long hitId,
                                          @Body @Valid AdminViews.ReviewBody body) {
        return AdminViews.AuditHitView.of(deadlines.logic(admin).adminReviewAuditHit(AdminReviewAuditHitCall.newBuilder()
                .setAdminToken(token(request)).setHitId(hitId).setVerdict(body.verdict()).build()).getHit());
    }

    @Operation(operationId = "adminListSensitiveWords", summary = "运行时敏感词表（audit-function 在 reload-interval 内自动采用，不用重启；配置里的内置词另算）", security = @SecurityRequirement(name = "bearer"))
    @Get("/sensitive-words")
    public AdminViews.WordListView words(HttpRequest<?> request) {
        GetSensitiveWordsResponse r = deadlines.logic(admin).adminGetSensitiveWords(AdminGetSensitiveWordsCall.newBuilder()
                .setAdminToken(token(request)).build());
        return new AdminViews.WordListView(r.getVersion(), java.util.List.copyOf(r.getWordsList()));
    }

    @Operation(operationId = "adminAddSensitiveWords", summary = "加敏感词（已存在的忽略），词表版本加一", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已加入")
    @Post("/sensitive-words")
    public AdminViews.AddWordsView addWords(HttpRequest<?> request, @Body @Valid AdminViews.AddWordsBody body) {
        AddSensitiveWordsResponse r = deadlines.logic(admin).adminAddSensitiveWords(AdminAddSensitiveWordsCall.newBuilder()
                .setAdminToken(token(request)).addAllWords(body.words()).build());
        return new AdminViews.AddWordsView(java.util.List.copyOf(r.getAddedList()), r.getVersion());
    }

    @Operation(operationId = "adminRemoveSensitiveWord", summary = "删一个敏感词（路径里 URL 编码）；不存在时 removed=false", security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "已处理")
    @Delete("/sensitive-words/{word}")
    public AdminViews.RemoveWordView removeWord(HttpRequest<?> request, @PathVariable("word") @Size(min = 1, max = 64) String word) {
        RemoveSensitiveWordResponse r = deadlines.logic(admin).adminRemoveSensitiveWord(AdminRemoveSensitiveWordCall.newBuilder()
                .setAdminToken(token(request)).setWord(word).build());
        return new AdminViews.RemoveWordView(r.getRemoved(), r.getVersion());
    }

    @Operation(operationId = "adminSystemFigures", summary = "系统数字：各网关在线用户数、消息速率、各任务函数的积压与死信", security = @SecurityRequirement(name = "bearer"))
    @Get("/figures")
    public AdminViews.FiguresView figures(HttpRequest<?> request) {
        return AdminViews.FiguresView.of(deadlines.logic(admin).adminGetSystemFigures(AdminGetSystemFiguresCall.newBuilder()
                .setAdminToken(token(request)).build()));
    }

    @Operation(operationId = "adminListActions", summary = "管理操作记录（谁、做了什么、对象、何时），新的在前，按 before_id 游标分页", security = @SecurityRequirement(name = "bearer"))
    @Get("/actions")
    public AdminViews.ActionPage actions(HttpRequest<?> request,
                                         @QueryValue("admin_id") @Nullable @PositiveOrZero Long adminId,
                                         @QueryValue("before_id") @Nullable @PositiveOrZero Long beforeId,
                                         @Parameter(required = false) @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        ListAdminActionsResponse r = deadlines.logic(admin).adminListActions(AdminListActionsCall.newBuilder()
                .setAdminToken(token(request))
                .setQuery(ListAdminActionsRequest.newBuilder().setAdminId(adminId == null ? 0 : adminId)
                        .setBeforeId(beforeId == null ? 0 : beforeId).setLimit(limit))
                .build());
        return new AdminViews.ActionPage(r.getActionsList().stream().map(AdminViews.ActionView::of).toList(),
                r.getNextBeforeId() == 0 ? null : r.getNextBeforeId());
    }

    /** Authorization: Bearer 里的令牌；缺失或格式不对 7000（不调用 logic）。 */
    static String token(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ImException(ErrorCode.ADMIN_UNAUTHORIZED, "admin token required");
        }
        return header.substring(7).trim();
    }
}
