package com.acme.im.gateway.contact;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.logic.v1.BlockInfo;
import com.acme.im.proto.logic.v1.FriendInfo;
import com.acme.im.proto.logic.v1.FriendRequestInfo;
import com.acme.im.runtime.limits.Limits;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * 好友与黑名单接口的请求体与响应；64 位 ID 输出为字符串，请求里写成数字或字符串都可以。
 * 附言、备注按码点计的上限由 logic 判定（1001），这里的 @Size 只是按 UTF-16 的粗上限。
 */
public final class ContactViews {

    private ContactViews() {
    }

    /** 发好友申请。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SendBody(
            @Schema(description = "接收者用户 ID") @NotNull @Positive Long userId,
            @Schema(description = "附言，最多 200 个字符，可省略") @Nullable @Size(max = Limits.MAX_FRIEND_NOTE_CODE_POINTS * 2) String note) {
    }

    /** 设置备注。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RemarkBody(
            @Schema(description = "备注，最多 64 个字符；空串或 null 表示清除") @Nullable @Size(max = Limits.MAX_FRIEND_REMARK_CODE_POINTS * 2) String remark) {
    }

    /** 一条好友申请。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FriendRequestView(
            String id, String fromUserId, String toUserId, String note,
            @Schema(allowableValues = {"pending", "accepted", "rejected", "cancelled"}) String status,
            long createdAt, long updatedAt) {
        static FriendRequestView of(FriendRequestInfo r) {
            return new FriendRequestView(Long.toString(r.getId()), Long.toString(r.getFromUserId()),
                    Long.toString(r.getToUserId()), r.getNote(), r.getStatus(), r.getCreatedAt(), r.getUpdatedAt());
        }
    }

    /** 发好友申请的结果。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record SendResultView(
            FriendRequestView request,
            @Schema(description = "是否新建了申请；false 表示返回的是已有的同向待处理申请，或反向申请被自动接受") boolean created,
            @Schema(description = "对方已向调用者发出待处理申请，本次直接接受了它，双方已是好友（status 为 accepted）") boolean autoAccepted) {
    }

    /** 待处理申请一页。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FriendRequestPage(List<FriendRequestView> requests, boolean hasMore) {
    }

    /** 一个好友：备注与对方的当前资料。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FriendView(
            String userId,
            @Schema(description = "调用者给他的备注；空串表示没有") String remark,
            @Schema(description = "成为好友的时间（毫秒时间戳）") long createdAt,
            @Nullable String username, @Nullable String nickname, @Nullable String avatarUrl) {
        static FriendView of(FriendInfo f) {
            User u = f.hasUser() ? f.getUser() : null;
            return new FriendView(Long.toString(f.getUserId()), f.getRemark(), f.getCreatedAt(),
                    u == null ? null : u.getUsername(), u == null ? null : u.getNickname(),
                    u == null ? null : u.getAvatarUrl());
        }
    }

    /** 好友一页。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FriendPage(List<FriendView> friends, boolean hasMore) {
    }

    /** 一条黑名单记录。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BlockView(String userId, @Schema(description = "拉黑时间（毫秒时间戳）") long createdAt) {
        static BlockView of(BlockInfo b) {
            return new BlockView(Long.toString(b.getUserId()), b.getCreatedAt());
        }
    }

    /** 黑名单一页。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BlockPage(List<BlockView> blocks, boolean hasMore) {
    }
}
