package com.acme.im.logic.conversation;

import com.acme.im.logic.presence.PresenceQueryService;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.event.v1.ConversationSettingsEvent;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsRequest;
import com.acme.im.proto.repo.v1.UpdateConversationSettingsResponse;
import com.acme.im.runtime.conversation.ConversationId;
import com.acme.im.runtime.delivery.DeliveryPublisher;
import com.acme.im.runtime.delivery.GatewayRouting;
import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.runtime.error.ImException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * 用户对会话的个人设置（置顶、免打扰）。设置存在 repo 的会话记录上；改完后用户自己的全部在线连接
 * 收到 conversation-settings 帧，其他设备不必重拉列表。帧只是提示：失败只记日志，设备之后拉列表即可看到。
 */
@Singleton
public class ConversationSettingsService {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationSettingsService.class);

    private final RepoClients repo;
    private final PresenceQueryService presence;
    private final DeliveryPublisher deliveries;

    public ConversationSettingsService(RepoClients repo, PresenceQueryService presence, DeliveryPublisher deliveries) {
        this.repo = repo;
        this.presence = presence;
        this.deliveries = deliveries;
    }

    /**
     * 修改置顶、免打扰（null 表示不改，至少给一个，否则 1001）；不在会话中 1003，群会话为 4001。
     */
    public Settings update(long userId, String conversationId, @Nullable Boolean pinned, @Nullable Boolean muted) {
        ConversationId id = ConversationId.parse(conversationId);
        if (pinned == null && muted == null) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "give pinned and/or muted");
        }
        if (id.isSingle() && !id.isParticipant(userId)) {
            throw new ImException(ErrorCode.FORBIDDEN, "not a member of this conversation");
        }
        UpdateConversationSettingsRequest.Builder request = UpdateConversationSettingsRequest.newBuilder()
                .setUserId(userId).setConversationId(id.value());
        if (pinned != null) {
            request.setPinned(pinned);
        }
        if (muted != null) {
            request.setMuted(muted);
        }
        UpdateConversationSettingsResponse r;
        try {
            r = repo.conversations().updateConversationSettings(request.build());
        } catch (RuntimeException e) {
            ImException im = GrpcErrors.fromThrowable(e);
            if (im.errorCode() == ErrorCode.FORBIDDEN && id.isGroup()) {
                throw new ImException(ErrorCode.NOT_GROUP_MEMBER, "not a group member");
            }
            throw im;
        }
        Settings settings = new Settings(id.value(), r.getPinned(), r.getMuted(), r.getUpdatedAt());
        notifyDevices(userId, settings);
        return settings;
    }

    /** 发给用户自己的全部在线连接（发起修改的那台设备也会收到，帧内容是最终状态，重复应用无害）。 */
    private void notifyDevices(long userId, Settings s) {
        DownstreamDelivery event = DownstreamDelivery.newBuilder()
                .setConversationSettings(ConversationSettingsEvent.newBuilder()
                        .setConversationId(s.conversationId())
                        .setUserId(userId)
                        .setPinned(s.pinned())
                        .setMuted(s.muted())
                        .setUpdatedAt(s.updatedAt()))
                .build();
        try {
            var byGateway = GatewayRouting.byGateway(presence.lookup(List.of(userId)), GatewayRouting::allConnections);
            deliveries.publish("settings-" + userId, byGateway, event).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warn("conversation-settings for user {} not delivered: {}", userId, e.toString());
                }
            });
        } catch (RuntimeException e) {
            // 设置已保存，同步帧只是实时提示
            LOG.warn("conversation-settings for user {} not delivered: {}", userId, e.toString());
        }
    }

    /**
     * 修改后的设置。
     *
     * @param conversationId 会话 ID
     * @param pinned         是否置顶
     * @param muted          是否免打扰
     * @param updatedAt      修改时间（毫秒时间戳）
     */
    public record Settings(String conversationId, boolean pinned, boolean muted, long updatedAt) {
    }
}
