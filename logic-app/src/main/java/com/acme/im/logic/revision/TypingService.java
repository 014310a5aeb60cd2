package com.acme.im.logic.revision;

import com.acme.im.logic.LogicConfiguration;
import com.acme.im.logic.conversation.Membership;
import com.acme.im.logic.conversation.MembershipService;
import com.acme.im.proto.event.v1.DownstreamDelivery;
import com.acme.im.proto.event.v1.TypingEvent;
import com.acme.im.runtime.conversation.ConversationId;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * “正在输入”：检查成员关系后直接经下行 Topic 转发给会话的其他在线成员，不经上行 Topic、不存储、不产生任务。
 * 走 logic 而不是在网关本地转发，是因为成员关系与“成员在哪些网关在线”只有 logic（经 repo）知道。
 * 成员数超过扩散阈值的会话（大群、世界聊天室）不转发：提示对几百人没有意义，却要逐页查成员与在线状态。
 * 网关已按 Limits.TYPING_RELAY_INTERVAL_MS 对每个（用户，会话）限频。
 */
@Singleton
public class TypingService {

    private static final Logger LOG = LoggerFactory.getLogger(TypingService.class);

    private final MembershipService membership;
    private final ConversationNotifier notifier;
    private final int fanoutThreshold;

    public TypingService(MembershipService membership, ConversationNotifier notifier, LogicConfiguration configuration) {
        this.membership = membership;
        this.notifier = notifier;
        this.fanoutThreshold = configuration.getFanoutThreshold();
    }

    /** 转发；返回目标数。不是成员时抛出 1003/4001，群已解散 4003，被禁言 4004。 */
    public int relay(long userId, String conversationId) {
        ConversationId id = ConversationId.parse(conversationId);
        // 与发消息同样的写权限：群已解散（4003）或被禁言（4004）时不转发“正在输入”
        Membership m = membership.checkWrite(userId, id);
        if (!id.isSingle() && m.memberCount() > fanoutThreshold) {
            return 0;
        }
        ConversationNotifier.Notice notice = notifier.notifyOnline(id, DownstreamDelivery.newBuilder()
                .setTyping(TypingEvent.newBuilder()
                        .setConversationId(id.value())
                        .setUserId(userId)
                        .setTimestamp(System.currentTimeMillis()))
                .build(), userId);
        // 提示只是瞬时状态：不等 Kafka 确认，失败只记日志
        notice.sent().whenComplete((v, e) -> {
            if (e != null) {
                LOG.debug("typing in {} not relayed: {}", id.value(), e.toString());
            }
        });
        return notice.targets();
    }
}
