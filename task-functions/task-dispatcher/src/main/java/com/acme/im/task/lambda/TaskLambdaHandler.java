package com.acme.im.task.lambda;

import com.acme.im.task.DispatchReport;
import com.acme.im.task.TaskDispatcher;
import com.acme.im.task.TaskRecord;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * AWS Lambda 入口（Kafka 事件源映射）：每个函数 jar 都以本类为 handler 部署。
 * 记录值与键是 base64 编码的原始字节，逐分区按偏移量顺序交给与常驻消费者相同的分发器（同样的重试与死信）。
 * Lambda 运行在 function 环境中，常驻 Kafka 消费者不会被创建。
 * 死信都写不进去时抛出异常，让 Lambda 整批重投，保证不丢任务。
 */
public class TaskLambdaHandler extends MicronautRequestHandler<KafkaEvent, DispatchReport> {

    private static final Logger LOG = LoggerFactory.getLogger(TaskLambdaHandler.class);

    @Inject
    TaskDispatcher dispatcher;

    /** Lambda 运行时使用的无参构造。 */
    public TaskLambdaHandler() {
        super(new LambdaApplicationContextBuilder());
    }

    /** 测试或自定义运行环境使用。 */
    public TaskLambdaHandler(ApplicationContextBuilder builder) {
        super(builder);
    }

    @Override
    public DispatchReport execute(KafkaEvent event) {
        DispatchReport report = new DispatchReport(0, 0);
        if (event == null || event.getRecords() == null) {
            return report;
        }
        for (Map.Entry<String, List<KafkaEvent.KafkaEventRecord>> entry : event.getRecords().entrySet()) {
            List<KafkaEvent.KafkaEventRecord> partition = new ArrayList<>(entry.getValue());
            partition.sort(Comparator.comparingLong(KafkaEvent.KafkaEventRecord::getOffset));
            List<TaskRecord> records = new ArrayList<>(partition.size());
            for (KafkaEvent.KafkaEventRecord r : partition) {
                records.add(new TaskRecord(r.getTopic(), r.getPartition(), r.getOffset(), decode(r.getKey()), decode(r.getValue())));
            }
            report = report.plus(dispatcher.dispatch(records));
        }
        LOG.info("lambda batch done: processed={} deadLettered={}", report.processed(), report.deadLettered());
        return report;
    }

    /** base64 解码；非法编码时保留原文字节，交由分发器按格式错误送入死信，原文不丢。 */
    private static byte[] decode(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return base64.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
