package com.acme.im.gateway.group;

import com.acme.im.proto.common.v1.Group;
import com.acme.im.proto.common.v1.GroupMember;
import com.acme.im.proto.common.v1.GroupRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

    /** 群信息。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GroupView(String id, String name, String ownerId, int memberCount, long createdAt,
                            String conversationId, @Nullable String myRole) {
        static GroupView of(Group g, @Nullable String myRole) {
            return new GroupView(Long.toString(g.getId()), g.getName(), Long.toString(g.getOwnerId()),
                    g.getMemberCount(), g.getCreatedAt(), g.getConversationId(), myRole);
        }
    }

    /** 加人结果。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record JoinView(GroupView group, int added) {
    }

    /** 群成员；role 为 member、admin 或 owner。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record MemberView(String userId, String role, long joinedAt) {
        static MemberView of(GroupMember m) {
            return new MemberView(Long.toString(m.getUserId()), GroupViews.role(m.getRole()), m.getJoinedAt());
        }
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
