package com.acme.im.gateway.admin;

import com.acme.im.proto.logic.v1.AdminFunctionFigures;
import com.acme.im.proto.logic.v1.AdminLoginResponse;
import com.acme.im.proto.logic.v1.AdminSystemFigures;
import com.acme.im.proto.repo.v1.Admin;
import com.acme.im.proto.repo.v1.AdminAction;
import com.acme.im.proto.repo.v1.AdminAuditHit;
import com.acme.im.proto.repo.v1.AdminUser;
import com.acme.im.proto.repo.v1.GatewayOnline;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * 管理后台的请求与响应体（JSON 字段为 snake_case）。
 */
public final class AdminViews {

    private AdminViews() {
    }

    /** 管理员登录请求。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LoginBody(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 128) String password) {
    }

    /**
     * 管理员。
     *
     * @param id        管理员 ID
     * @param username  用户名
     * @param createdAt 创建时间（毫秒时间戳）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AdminView(long id, String username, long createdAt) {
        static AdminView of(Admin a) {
            return new AdminView(a.getId(), a.getUsername(), a.getCreatedAt());
        }
    }

    /**
     * 登录结果：管理员令牌只能用在 /api/v1/admin/**，用户接口与 WebSocket 一律不认（1002）。
     *
     * @param accessToken 管理员令牌（Bearer）
     * @param tokenType   固定为 Bearer
     * @param expiresIn   有效期（秒），到期重新登录
     * @param admin       登录的管理员
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record LoginView(String accessToken, String tokenType, long expiresIn, AdminView admin) {
        static LoginView of(AdminLoginResponse r) {
            return new LoginView(r.getAccessToken(), "Bearer", r.getExpiresIn(), AdminView.of(r.getAdmin()));
        }
    }

    /**
     * 管理后台看到的用户。
     *
     * @param id        用户 ID
     * @param username  用户名
     * @param nickname  昵称
     * @param avatarUrl 头像地址（没有时省略）
     * @param createdAt 注册时间（毫秒时间戳）
     * @param banned    是否封禁中
     * @param bannedAt  封禁时间（未封禁时省略）
     * @param bannedBy  执行封禁的管理员 ID（未封禁时省略）
     * @param banReason 封禁原因（未封禁或未填时省略）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserView(long id, String username, String nickname, @Nullable String avatarUrl, long createdAt,
                           boolean banned, @Nullable Long bannedAt, @Nullable Long bannedBy, @Nullable String banReason) {
        static UserView of(AdminUser u) {
            return new UserView(u.getUser().getId(), u.getUser().getUsername(), u.getUser().getNickname(),
                    u.getUser().getAvatarUrl().isEmpty() ? null : u.getUser().getAvatarUrl(), u.getUser().getCreatedAt(),
                    u.getBanned(), u.getBanned() ? u.getBannedAt() : null, u.getBanned() ? u.getBannedBy() : null,
                    u.getBanReason().isEmpty() ? null : u.getBanReason());
        }
    }

    /**
     * 一页用户。
     *
     * @param users       本页用户（ID 升序）
     * @param nextAfterId 下一页的 after_id；没有更多时省略
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UserPage(List<UserView> users, @Nullable Long nextAfterId) {
    }

    /** 封禁请求；原因可空。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BanBody(@Nullable @Size(max = 256) String reason) {
    }

    /**
     * 封禁或解封结果。
     *
     * @param user            操作后的用户
     * @param revokedSessions 封禁时吊销的会话数（其 WebSocket 以 4001 关闭）；解封时为 0
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record BanView(UserView user, int revokedSessions) {
    }

    /**
     * 解散结果。
     *
     * @param groupId     群 ID
     * @param dissolvedAt 解散时间（毫秒时间戳）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record DissolvedView(long groupId, long dissolvedAt) {
    }

    /**
     * 一条审核命中。
     *
     * @param id             命中 ID
     * @param messageId      消息 ID
     * @param conversationId 会话 ID
     * @param senderId       发送者 ID
     * @param words          命中的敏感词
     * @param action         当时的处理：flag 或 mask
     * @param createdAt      命中时间（毫秒时间戳）
     * @param editedAt       被审核的消息版本（编辑时间，未编辑为 0）
     * @param reviewVerdict  复核结论 confirmed/dismissed（未复核时省略）
     * @param reviewedAt     复核时间（未复核时省略）
     * @param reviewedBy     复核的管理员 ID（未复核时省略）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AuditHitView(long id, long messageId, String conversationId, long senderId, List<String> words,
                               String action, long createdAt, long editedAt, @Nullable String reviewVerdict,
                               @Nullable Long reviewedAt, @Nullable Long reviewedBy) {
        static AuditHitView of(AdminAuditHit h) {
            boolean reviewed = !h.getReviewVerdict().isEmpty();
            return new AuditHitView(h.getId(), h.getMessageId(), h.getConversationId(), h.getSenderId(),
                    List.copyOf(h.getWordsList()), h.getAction(), h.getCreatedAt(), h.getEditedAt(),
                    reviewed ? h.getReviewVerdict() : null, reviewed ? h.getReviewedAt() : null,
                    reviewed ? h.getReviewedBy() : null);
        }
    }

    /**
     * 一页审核命中。
     *
     * @param hits         本页命中（新的在前）
     * @param nextBeforeId 下一页的 before_id；没有更多时省略
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AuditHitPage(List<AuditHitView> hits, @Nullable Long nextBeforeId) {
    }

    /** 复核请求：confirmed 确认违规，dismissed 驳回误报（可改判）。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ReviewBody(@NotNull @Pattern(regexp = "confirmed|dismissed") String verdict) {
    }

    /**
     * 运行时敏感词表（与 audit-function 配置里的内置词合并使用）。
     *
     * @param version 词表版本，每次增删加一
     * @param words   全部词（字典序）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record WordListView(long version, List<String> words) {
    }

    /** 加词请求：1..100 个词，每个 1..64 字符。 */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AddWordsBody(@NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 64) String> words) {
    }

    /**
     * 加词结果。
     *
     * @param added   实际新增的词（已存在的不在其中）
     * @param version 操作后的词表版本
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record AddWordsView(List<String> added, long version) {
    }

    /**
     * 删词结果。
     *
     * @param removed 是否确实删掉（词不存在时为 false）
     * @param version 操作后的词表版本
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record RemoveWordView(boolean removed, long version) {
    }

    /**
     * 一个网关上的在线用户数。
     *
     * @param gatewayId   网关 ID
     * @param onlineUsers 在该网关上有连接的用户数
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record GatewayView(String gatewayId, long onlineUsers) {
        static GatewayView of(GatewayOnline g) {
            return new GatewayView(g.getGatewayId(), g.getOnlineUsers());
        }
    }

    /**
     * 一个任务函数的积压与死信。
     *
     * @param function    函数名（消费组名）
     * @param taskType    任务类型
     * @param topic       任务 Topic
     * @param lag         积压的任务数
     * @param deadLetters 死信数（每个分区只统计最近的记录，见 README）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FunctionView(String function, String taskType, String topic, long lag, long deadLetters) {
        static FunctionView of(AdminFunctionFigures f) {
            return new FunctionView(f.getFunction(), f.getTaskType(), f.getTopic(), f.getLag(), f.getDeadLetters());
        }
    }

    /**
     * 系统数字。
     *
     * @param measuredAt         统计时刻（毫秒时间戳）
     * @param onlineUsers        在线用户总数
     * @param gateways           各网关在线用户数
     * @param messagesLastMinute 最近 60 秒保存的消息数
     * @param messagesPerSecond  最近一分钟平均每秒消息数
     * @param totalUsers         注册用户数
     * @param bannedUsers        封禁中的用户数
     * @param kafkaAvailable     积压与死信是否取到（false 时 functions 为空）
     * @param functions          各任务函数的积压与死信
     * @param deadLettersTotal   死信 Topic 现存记录总数
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record FiguresView(long measuredAt, long onlineUsers, List<GatewayView> gateways, long messagesLastMinute,
                              double messagesPerSecond, long totalUsers, long bannedUsers, boolean kafkaAvailable,
                              List<FunctionView> functions, long deadLettersTotal) {
        static FiguresView of(AdminSystemFigures f) {
            var r = f.getRepo();
            return new FiguresView(r.getMeasuredAt(), r.getOnlineUsers(),
                    r.getGatewaysList().stream().map(GatewayView::of).toList(), r.getMessagesLastMinute(),
                    f.getMessagesPerSecond(), r.getTotalUsers(), r.getBannedUsers(), f.getKafkaAvailable(),
                    f.getFunctionsList().stream().map(FunctionView::of).toList(), f.getDeadLettersTotal());
        }
    }

    /**
     * 一条管理操作记录。
     *
     * @param id            记录 ID
     * @param adminId       执行的管理员 ID
     * @param adminUsername 执行的管理员用户名
     * @param action        操作：login、ban_user、unban_user、dissolve_group、review_audit_hit、add_sensitive_words、remove_sensitive_word
     * @param target        对象，如 user:42、group:7、audit_hit:9
     * @param detail        补充说明（可能为空串）
     * @param createdAt     操作时间（毫秒时间戳）
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ActionView(long id, long adminId, String adminUsername, String action, String target, String detail,
                             long createdAt) {
        static ActionView of(AdminAction a) {
            return new ActionView(a.getId(), a.getAdminId(), a.getAdminUsername(), a.getAction(), a.getTarget(),
                    a.getDetail(), a.getCreatedAt());
        }
    }

    /**
     * 一页管理操作记录。
     *
     * @param actions      本页记录（新的在前）
     * @param nextBeforeId 下一页的 before_id；没有更多时省略
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ActionPage(List<ActionView> actions, @Nullable Long nextBeforeId) {
    }
}
