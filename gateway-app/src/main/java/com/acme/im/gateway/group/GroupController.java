package com.acme.im.gateway.group;

import com.acme.im.runtime.error.ErrorBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.acme.im.gateway.auth.AuthenticatedUser;
import com.acme.im.gateway.rpc.Deadlines;
import com.acme.im.proto.logic.v1.CreateGroupRequest;
import com.acme.im.proto.logic.v1.GetGroupMembersRequest;
import com.acme.im.proto.logic.v1.GetGroupMembersResponse;
import com.acme.im.proto.logic.v1.GetGroupRequest;
import com.acme.im.proto.logic.v1.GetGroupResponse;
import com.acme.im.proto.logic.v1.GroupServiceGrpc;
import com.acme.im.proto.logic.v1.JoinGroupRequest;
import com.acme.im.proto.logic.v1.JoinGroupResponse;
import com.acme.im.proto.logic.v1.LeaveGroupRequest;
import com.acme.im.proto.common.v1.GroupRole;
import com.acme.im.proto.logic.v1.DissolveGroupRequest;
import com.acme.im.proto.logic.v1.SetGroupAllMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupAnnouncementRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberMutedRequest;
import com.acme.im.proto.logic.v1.SetGroupMemberRoleRequest;
import com.acme.im.proto.logic.v1.TransferGroupOwnershipRequest;
import io.micronaut.http.annotation.Put;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.List;

/**
 * 群组：建群、查看、加人/自己加入、移除/离开、成员分页，以及群管理（任免管理员、转让、解散、公告、禁言）。
 * 权限规则都在 logic。
 */
// 各接口共有的错误响应（ErrorBody）；接口特有的写在方法上
@ApiResponse(responseCode = "400", description = "1001 参数非法：JSON 格式、类型、缺字段或校验失败", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "401", description = "1002 缺少令牌，或令牌伪造、过期、已登出", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "500", description = "1000 未预期的服务端错误（详情只在日志里，按 trace_id 查）", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(responseCode = "503", description = "1007 logic 暂不可用，可重试", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
@Controller("/api/v1/groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
@SecurityRequirement(name = "bearer")
@Tag(name = "groups")
public class GroupController {

    private final GroupServiceGrpc.GroupServiceBlockingStub groups;
    private final Deadlines deadlines;

    public GroupController(GroupServiceGrpc.GroupServiceBlockingStub groups, Deadlines deadlines) {
        this.groups = groups;
        this.deadlines = deadlines;
    }

    @Operation(summary = "建群，调用者成为群主")
    @ApiResponse(responseCode = "404", description = "2000 要加入的成员不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4002 群已满", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post
    @Status(HttpStatus.CREATED)
    public GroupViews.GroupView create(Authentication authentication, @Body @Valid GroupViews.CreateGroupBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        List<Long> members = body.memberIds() == null ? List.of() : body.memberIds();
        return GroupViews.GroupView.of(deadlines.logic(groups).createGroup(CreateGroupRequest.newBuilder()
                .setUserId(userId).setName(body.name()).addAllMemberIds(members).build()).getGroup(), "owner");
    }

    @Operation(summary = "群信息；非成员也可查看，my_role 为空")
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/{id}")
    public GroupViews.GroupView get(Authentication authentication, @PathVariable @Positive long id) {
        long userId = AuthenticatedUser.of(authentication).userId();
        GetGroupResponse r = deadlines.logic(groups).getGroup(GetGroupRequest.newBuilder()
                .setUserId(userId).setGroupId(id).build());
        return GroupViews.GroupView.of(r.getGroup(), GroupViews.role(r.getMyRole()));
    }

    @Operation(summary = "加人（群成员可邀请）；user_ids 为空表示自己加入")
    @ApiResponse(responseCode = "403", description = "4001 不是群成员，无权邀请", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4002 群已满", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{id}/members")
    public GroupViews.JoinView addMembers(Authentication authentication, @PathVariable @Positive long id,
                                          @Body @Valid GroupViews.AddMembersBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        JoinGroupResponse r = deadlines.logic(groups).joinGroup(JoinGroupRequest.newBuilder()
                .setUserId(userId).setGroupId(id)
                .addAllMemberIds(body.userIds() == null ? List.of() : body.userIds())
                .build());
        return new GroupViews.JoinView(GroupViews.GroupView.of(r.getGroup(), null), r.getAdded());
    }

    @Operation(summary = "移除成员或自己离开（userId 等于自己）")
    @ApiResponse(responseCode = "403", description = "4001 调用者或被移除者不是群成员；1003 无权移除该成员（只有群主/管理员可移除角色更低的成员），或群主在还有其他成员时离开", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/{id}/members/{userId}")
    public GroupViews.GroupView removeMember(Authentication authentication, @PathVariable @Positive long id,
                                             @PathVariable("userId") @Positive long target) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.GroupView.of(deadlines.logic(groups).leaveGroup(LeaveGroupRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setTargetUserId(target).build()).getGroup(), null);
    }

    @Operation(summary = "成员分页（仅成员可见），按 user_id 升序")
    @ApiResponse(responseCode = "403", description = "4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Get("/{id}/members")
    public GroupViews.MemberPage members(Authentication authentication, @PathVariable @Positive long id,
                                         @QueryValue("after_user_id") @Nullable @PositiveOrZero Long afterUserId,
                                         @Parameter(required = false) @QueryValue(defaultValue = "100") @Min(1) @Max(200) int limit) {
        long userId = AuthenticatedUser.of(authentication).userId();
        GetGroupMembersResponse r = deadlines.logic(groups).getGroupMembers(GetGroupMembersRequest.newBuilder()
                .setUserId(userId).setGroupId(id)
                .setAfterUserId(afterUserId == null ? 0 : afterUserId)
                .setLimit(limit)
                .build());
        return new GroupViews.MemberPage(r.getMembersList().stream().map(GroupViews.MemberView::of).toList(),
                r.getHasMore(), r.getTotal());
    }

    @Operation(summary = "任免管理员（仅群主）：role 为 admin 或 member")
    @ApiResponse(responseCode = "403", description = "1003 调用者不是群主，或目标是群主；4001 调用者或目标不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{id}/members/{userId}/role")
    public GroupViews.MemberView setRole(Authentication authentication, @PathVariable @Positive long id,
                                         @PathVariable("userId") @Positive long target,
                                         @Body @Valid GroupViews.RoleBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        GroupRole role = "admin".equals(body.role()) ? GroupRole.GROUP_ROLE_ADMIN : GroupRole.GROUP_ROLE_MEMBER;
        return GroupViews.MemberView.of(deadlines.logic(groups).setGroupMemberRole(SetGroupMemberRoleRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setTargetUserId(target).setRole(role).build()).getMember());
    }

    @Operation(summary = "转让群主（仅群主）；原群主变为管理员")
    @ApiResponse(responseCode = "403", description = "1003 调用者不是群主；4001 调用者或新群主不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Post("/{id}/transfer")
    public GroupViews.GroupView transfer(Authentication authentication, @PathVariable @Positive long id,
                                         @Body @Valid GroupViews.TransferBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.GroupView.of(deadlines.logic(groups).transferGroupOwnership(TransferGroupOwnershipRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setNewOwnerId(body.userId()).build()).getGroup(), "admin");
    }

    @Operation(summary = "解散群（仅群主）：成员收到 group-updated，会话变为只读（历史仍可读，发消息返回 4003）")
    @ApiResponse(responseCode = "403", description = "1003 调用者不是群主；4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Delete("/{id}")
    public GroupViews.GroupView dissolve(Authentication authentication, @PathVariable @Positive long id) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.GroupView.of(deadlines.logic(groups).dissolveGroup(DissolveGroupRequest.newBuilder()
                .setUserId(userId).setGroupId(id).build()).getGroup(), "owner");
    }

    @Operation(summary = "设置群公告（群主或管理员），最长 1024 字符，空串清除；成员收到 group-updated")
    @ApiResponse(responseCode = "403", description = "1003 调用者只是普通成员；4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{id}/announcement")
    public GroupViews.GroupView setAnnouncement(Authentication authentication, @PathVariable @Positive long id,
                                                @Body @Valid GroupViews.AnnouncementBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.GroupView.of(deadlines.logic(groups).setGroupAnnouncement(SetGroupAnnouncementRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setAnnouncement(body.announcement()).build()).getGroup(), null);
    }

    @Operation(summary = "禁言/解禁一个成员（群主或管理员，只能针对角色更低的成员）；被禁言者发消息的 message-ack 为 4004")
    @ApiResponse(responseCode = "403", description = "1003 无权禁言该成员（管理员不能禁言群主或其他管理员）；4001 调用者或目标不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{id}/members/{userId}/mute")
    public GroupViews.MemberView muteMember(Authentication authentication, @PathVariable @Positive long id,
                                            @PathVariable("userId") @Positive long target,
                                            @Body @Valid GroupViews.MuteBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.MemberView.of(deadlines.logic(groups).setGroupMemberMuted(SetGroupMemberMutedRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setTargetUserId(target).setMuted(body.muted()).build()).getMember());
    }

    @Operation(summary = "全员禁言开关（群主或管理员；他们自己不受限）；普通成员发消息的 message-ack 为 4004")
    @ApiResponse(responseCode = "403", description = "1003 调用者只是普通成员；4001 不是群成员", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "404", description = "4000 群不存在", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @ApiResponse(responseCode = "409", description = "4003 群已解散", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @Put("/{id}/mute")
    public GroupViews.GroupView muteAll(Authentication authentication, @PathVariable @Positive long id,
                                        @Body @Valid GroupViews.MuteBody body) {
        long userId = AuthenticatedUser.of(authentication).userId();
        return GroupViews.GroupView.of(deadlines.logic(groups).setGroupAllMuted(SetGroupAllMutedRequest.newBuilder()
                .setUserId(userId).setGroupId(id).setMuted(body.muted()).build()).getGroup(), null);
    }
}
