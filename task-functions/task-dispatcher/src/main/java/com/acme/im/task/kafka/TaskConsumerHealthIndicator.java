package com.acme.im.task.kafka;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;

/**
 * 消费线程存活才算健康：线程意外退出时 /health 变为 DOWN，由编排系统重启实例。
 */
@Singleton
@Requires(beans = TaskConsumerRunner.class)
public class TaskConsumerHealthIndicator implements HealthIndicator {

    private final TaskConsumerRunner runner;

    public TaskConsumerHealthIndicator(TaskConsumerRunner runner) {
        this.runner = runner;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("taskConsumer", runner.isRunning() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("group", runner.groupId(), "topics", runner.topics(),
                        "assignedPartitions", runner.assignedPartitions()))
                .build());
    }
}
