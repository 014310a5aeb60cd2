package com.acme.im.audit;

import com.acme.im.proto.common.v1.Message;
import com.acme.im.proto.common.v1.MessageType;
import com.acme.im.proto.event.v1.MessageMaskedEvent;
import com.acme.im.proto.event.v1.TaskMessage;
import com.acme.im.proto.repo.v1.AuditHit;
import com.acme.im.proto.repo.v1.MaskMessageRequest;
import com.acme.im.proto.repo.v1.RecordAuditHitRequest;
import com.acme.im.runtime.error.GrpcErrors;
import com.acme.im.task.TaskProcessor;
import com.acme.im.task.TaskRejectedException;
import com.acme.im.runtime.kafka.TaskTypes;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * 内容审核：用敏感词自动机扫描文本与系统消息内容；命中则经 repo 记录（按消息 ID 幂等），
 * 策略为 mask 时再让 repo 把消息内容换成遮蔽版本，并通知会话在线成员替换本地副本。
 * 编辑后的消息带着新内容与 edited_at 再审一次：命中按（消息，版本）记录，遮蔽只作用于该版本。
 * 每一步都可重复执行，重投只会得到相同结果。
 */
@Singleton
public class AuditProcessor implements TaskProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(AuditProcessor.class);

    private final SensitiveWordService words;
    private final RepoClients repo;
    private final MaskNoticeService notices;
    private final AuditConfiguration config;
    private final MeterRegistry meters;
    /** 图片消息的缩略图也在审核任务里生成：每条消息都有审核任务，且本函数已连着 repo，无需新任务类型与新函数。 */
    private final ThumbnailService thumbnails;

    public AuditProcessor(SensitiveWordService words, RepoClients repo, MaskNoticeService notices,
                          AuditConfiguration config, MeterRegistry meters, ThumbnailService thumbnails) {
        this.thumbnails = thumbnails;
        this.words = words;
        this.repo = repo;
        this.notices = notices;
        this.config = config;
        this.meters = meters;
    }

    @Override
    public Set<String> taskTypes() {
        return Set.of(TaskTypes.AUDIT);
    }

    @Override
    public void process(TaskMessage task) throws Exception {
        if (!task.hasAudit() || !task.getAudit().hasMessage()) {
            throw new TaskRejectedException("audit task " + task.getTaskId() + " carries no message");
        }
        Message message = task.getAudit().getMessage();
        if (message.getType() == MessageType.MESSAGE_TYPE_IMAGE || message.getType() == MessageType.MESSAGE_TYPE_FILE) {
            // 图片与文件内容是文件引用，不做文本审核；图片在这里生成缩略图（幂等，见 ThumbnailService）
            if (message.getType() == MessageType.MESSAGE_TYPE_IMAGE) {
                thumbnails.generate(message);
            }
            return;
        }
        List<SensitiveWordMatcher.Hit> hits = words.matcher().findAll(message.getContent());
        if (hits.isEmpty()) {
            return;
        }
        Set<String> hitWords = new LinkedHashSet<>();
        hits.forEach(h -> hitWords.add(h.word()));
        String action = config.getPolicy().name().toLowerCase();
        try {
            repo.audits().recordAuditHit(RecordAuditHitRequest.newBuilder().setHit(AuditHit.newBuilder()
                    .setMessageId(message.getId())
                    .setConversationId(message.getConversationId())
                    .setSenderId(message.getSenderId())
                    .addAllWords(hitWords)
                    .setAction(action)
                    .setCreatedAt(System.currentTimeMillis())
                    .setEditedAt(message.getEditedAt())).build());
            meters.counter("im.audit.hits", "action", action).increment();
            if (config.getPolicy() == AuditConfiguration.Policy.MASK) {
                String masked = SensitiveWordMatcher.mask(message.getContent(), hits, config.getMaskChar());
                // 只遮蔽被审核的这个版本：审核期间消息又被编辑或已撤回时 repo 不改，也就不发通知
                Message current = repo.messages().maskMessage(MaskMessageRequest.newBuilder()
                        .setMessageId(message.getId()).setMaskedContent(masked)
                        .setExpectedEditedAt(message.getEditedAt()).build()).getMessage();
                if (!masked.equals(current.getContent())) {
                    LOG.info("message {} in {} changed since this audit (edited or recalled), not masked", message.getId(),
                            message.getConversationId());
                    return;
                }
                int targets = notices.notifyOnlineMembers(MessageMaskedEvent.newBuilder()
                        .setConversationId(message.getConversationId())
                        .setMessageId(message.getId())
                        .setSeq(message.getSeq())
                        .setMaskedContent(masked).build());
                LOG.info("message {} in {} masked ({} words), {} online members notified", message.getId(),
                        message.getConversationId(), hitWords.size(), targets);
            } else {
                LOG.info("message {} in {} flagged ({} words)", message.getId(), message.getConversationId(), hitWords.size());
            }
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.fromThrowable(e);
        }
    }
}
