package com.acme.im.push;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.event.v1.PushTask;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.GetPushTokensRequest;
import com.acme.im.proto.repo.v1.PushToken;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TaskRejectedException;
import com.acme.im.runtime.kafka.TaskTypes;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 离线推送：查接收者的推送令牌（已关闭推送的用户、对该会话开了免打扰且没被 @ 的用户 repo 都不返回，
 * 仍是一次查询），每个用户一条通知发给第三方推送服务。
 * 任何一次推送失败都让整个任务失败，由分发器重试、耗尽后进入死信，不会静默丢失。
 * 同一实例内重试时跳过已推送成功的用户，减少重复通知；跨实例重投仍可能重复（至少一次）。
 */
@Singleton
public class PushProcessor implements TaskProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(PushProcessor.class);
    /** 记住最近多少个任务的推送进度。 */
    private static final int PROGRESS_CAPACITY = 10_000;

    private final RepoClients repo;
    private final PushProviderClient provider;
    private final PushConfiguration config;
    private final MeterRegistry meters;
    private final Map<String, Set<Long>> progress = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<Long>> eldest) {
            return size() > PROGRESS_CAPACITY;
        }
    });

    public PushProcessor(RepoClients repo, PushProviderClient provider, PushConfiguration config, MeterRegistry meters) {
        this.repo = repo;
        this.provider = provider;
        this.config = config;
        this.meters = meters;
    }

    @Override
    public Set<String> taskTypes() {
        return Set.of(TaskTypes.PUSH);
    }

    @Override
    public void process(TaskMessage task) {
        if (!task.hasPush() || !task.getPush().hasMessage()) {
            throw new TaskRejectedException("push task " + task.getTaskId() + " carries no message");
        }
        PushTask push = task.getPush();
        if (push.getRecipientIdsCount() == 0) {
            return;
        }
        List<PushToken> tokens;
        try {
            // 免打扰在同一次令牌查询里由 repo 过滤：对该会话免打扰的用户不返回，被 @ 的（或 @所有人 时全部）照常返回
            tokens = repo.pushSettings().getPushTokens(GetPushTokensRequest.newBuilder()
                    .addAllUserIds(push.getRecipientIdsList())
                    .setConversationId(push.getMessage().getConversationId())
                    .addAllMentionedUserIds(push.getMessage().getMentionedUserIdsList())
                    .setMentionAll(push.getMessage().getMentionAll())
                    .build()).getTokensList();
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        }
        Map<Long, List<PushNotification.Token>> byUser = new LinkedHashMap<>();
        for (PushToken t : tokens) {
            byUser.computeIfAbsent(t.getUserId(), u -> new ArrayList<>())
                    .add(new PushNotification.Token(t.getDeviceId(), t.getPlatform(), t.getToken()));
        }
        String key = task.getTaskId().isEmpty() ? "push:" + push.getMessage().getId() : task.getTaskId();
        Set<Long> done = progress.computeIfAbsent(key, k -> Collections.synchronizedSet(new HashSet<>()));
        Message message = push.getMessage();
        String preview = preview(message, config.getPreviewLength());
        for (Map.Entry<Long, List<PushNotification.Token>> e : byUser.entrySet()) {
            if (done.contains(e.getKey())) {
                continue;
            }
            provider.send(new PushNotification(e.getKey(), e.getValue(), push.getTitle(), push.getSenderName(), preview,
                    message.getId(), message.getConversationId()));
            done.add(e.getKey());
            meters.counter("im.push.sent").increment();
        }
        progress.remove(key);
        LOG.debug("pushed message {} to {} of {} offline recipients", message.getId(), byUser.size(), push.getRecipientIdsCount());
    }

    /** 通知预览：文本按码点截断并加省略号，其他类型给出占位说明。 */
    static String preview(Message message, int maxLength) {
        return switch (message.getType()) {
            case MESSAGE_TYPE_IMAGE -> "[图片]";
            case MESSAGE_TYPE_FILE -> "[文件]";
            default -> truncate(message.getContent(), maxLength);
        };
    }

    static String truncate(String content, int maxLength) {
        if (content.codePointCount(0, content.length()) <= maxLength) {
            return content;
        }
        int end = content.offsetByCodePoints(0, maxLength);
        return content.substring(0, end) + "…";
    }
}
