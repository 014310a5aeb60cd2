package com.acme.im.task;

import com.acme.im.proto.event.v1.TaskMessage;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 测试用处理器：flaky 类型按任务头 fail-times 先失败若干次再成功；broken 类型永远失败。
 */
public final class TestProcessors {

    private TestProcessors() {
    }

    /** 从注入的处理器列表中取出 Flaky。 */
    public static Flaky flaky(java.util.List<TaskProcessor> processors) {
        return processors.stream().filter(Flaky.class::isInstance).map(Flaky.class::cast).findFirst().orElseThrow();
    }

    /** 记录每次尝试与每次成功。 */
    @Singleton
    @Requires(property = "spec.name", pattern = "TaskDispatcherIT|TaskLambdaHandlerIT")
    public static class Flaky implements TaskProcessor {
        public final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        public final List<String> succeeded = new CopyOnWriteArrayList<>();
        private final String type;

        Flaky(@Value("${test.types.flaky}") String type) {
            this.type = type;
        }

        @Override
        public Set<String> taskTypes() {
            return Set.of(type);
        }

        @Override
        public void process(TaskMessage task) {
            int attempt = attempts.computeIfAbsent(task.getTaskId(), k -> new AtomicInteger()).incrementAndGet();
            int failTimes = Integer.parseInt(task.getHeadersOrDefault("fail-times", "0"));
            if (attempt <= failTimes) {
                throw new IllegalStateException("simulated failure " + attempt + " of " + task.getTaskId());
            }
            succeeded.add(task.getTaskId());
        }
    }

    /** 永远失败。 */
    @Singleton
    @Requires(property = "spec.name", pattern = "TaskDispatcherIT|TaskLambdaHandlerIT")
    public static class Broken implements TaskProcessor {
        public final AtomicInteger attempts = new AtomicInteger();
        private final String type;

        Broken(@Value("${test.types.broken}") String type) {
            this.type = type;
        }

        @Override
        public Set<String> taskTypes() {
            return Set.of(type);
        }

        @Override
        public void process(TaskMessage task) {
            attempts.incrementAndGet();
            throw new IllegalStateException("always broken");
        }
    }

    /** 与 Flaky 声明同一类型，用于验证启动校验。 */
    @Singleton
    @Requires(property = "spec.name", value = "DuplicateTypes")
    static class First implements TaskProcessor {
        @Override
        public Set<String> taskTypes() {
            return Set.of("same");
        }

        @Override
        public void process(TaskMessage task) {
            // 不会被调用
        }
    }

    /** 与 First 冲突。 */
    @Singleton
    @Requires(property = "spec.name", value = "DuplicateTypes")
    static class Second implements TaskProcessor {
        @Override
        public Set<String> taskTypes() {
            return Set.of("same", "other");
        }

        @Override
        public void process(TaskMessage task) {
            // 不会被调用
        }
    }
}
