package com.acme.im.gateway.group;

import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * 群组接口的请求与响应体；ID 输出为字符串，输入的 ID 数字或字符串均可。
 */
public final class GroupViews {

    private GroupViews() {
    }

    /** 建群请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record CreateGroupBody(@NotBlank @Size(max = 64) String name,
                                  @Nullable @Size(max = 500) List<@NotNull Long> memberIds) {
    }

    /** 加人请求；user_ids 为空表示自己加入。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AddMembersBody(@Nullable @Size(max = 500) List<@NotNull Long> userIds) {
    }

    /** 群信息；announcement 为空串表示未设置，dissolved_at 为 0 表示未解散（非 0 时会话只读）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GroupView(String id, String name, String ownerId, int memberCount, long createdAt,
                            String conversationId, @Nullable String myRole, String announcement, long announcementAt,
                            boolean allMuted, long dissolvedAt) {
        public static GroupView of(Group g, @Nullable String myRole) {
            return new GroupView(Long.toString(g.getId()), g.getName(), Long.toString(g.getOwnerId()),
                    g.getMemberCount(), g.getCreatedAt(), g.getConversationId(), myRole, g.getAnnouncement(),
                    g.getAnnouncementAt(), g.getAllMuted(), g.getDissolvedAt());
        }
    }

    /** 加人结果。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record JoinView(GroupView group, int added) {
    }

    /** 群成员；role 为 member、admin 或 owner；muted 为单独禁言。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MemberView(String userId, String role, long joinedAt, boolean muted) {
        public static MemberView of(GroupMember m) {
            return new MemberView(Long.toString(m.getUserId()), GroupViews.role(m.getRole()), m.getJoinedAt(), m.getMuted());
        }
    }

    /** 任免管理员请求：role 为 admin 或 member。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RoleBody(@NotNull @Pattern(regexp = "admin|member") String role) {
    }

    /** 转让群主请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record TransferBody(@NotNull @Positive Long userId) {
    }

    /** 公告请求；空串表示清除。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AnnouncementBody(@NotNull @Size(max = 1024) String announcement) {
    }

    /** 禁言请求（成员或全员）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MuteBody(@NotNull @Serdeable.Deserializable(using = StrictBooleanDeserializer.class) Boolean muted) {
    }

    /** 成员分页：下一页以最后一个 user_id 作为 after_user_id。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MemberPage(List<MemberView> members, boolean hasMore, int total) {
    }

    static String role(GroupRole role) {
        return switch (role) {
            case GROUP_ROLE_MEMBER -> "member";
            case GROUP_ROLE_ADMIN -> "admin";
            case GROUP_ROLE_OWNER -> "owner";
            default -> null;
        };
    }
}
