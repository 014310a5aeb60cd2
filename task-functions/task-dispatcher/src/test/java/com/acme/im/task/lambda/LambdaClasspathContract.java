package com.acme.im.task.lambda;

import com.acme.im.task.DispatchReport;
import com.acme.im.task.TaskDispatcher;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.events.KafkaEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 每个函数的 Lambda 包契约：在与 -Plambda 打包相同的精简类路径上（task-functions/pom.xml 的 lambda-classpath
 * 测试执行去掉同一批依赖），TaskLambdaHandler 能在 function/lambda 环境启动，注册的任务类型正是该函数的类型，
 * 并能处理 Lambda 运行时（Micronaut 的 CustomPojoSerializer）反序列化出的 KafkaEvent。
 * 子类放在各函数模块、类名以 LambdaClasspathTest 结尾；不连接任何外部服务。
 */
public abstract class LambdaClasspathContract {

    /** 该函数处理的任务类型。 */
    protected abstract String taskType();

    /** 该函数启动需要的额外属性（对应 Terraform 给 Lambda 设的环境变量）。 */
    protected Map<String, Object> properties() {
        return Map.of();
    }

    /** 精简类路径上必须没有的类：有就说明打包清单与这里的类路径不一致，或者排除失效。 */
    protected List<String> absentClasses() {
        return List.of(
                "io.micronaut.http.server.netty.NettyHttpServer",
                "io.micronaut.configuration.metrics.micrometer.prometheus.PrometheusMeterRegistryFactory",
                "io.etcd.jetcd.Client",
                "io.vertx.core.Vertx",
                "io.micronaut.discovery.client.registration.DiscoveryServiceAutoRegistration",
                "io.micronaut.management.endpoint.health.HealthEndpoint");
    }

    @Test
    void handlerStartsOnTheReducedLambdaClasspath() throws Exception {
        for (String name : absentClasses()) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, getClass().getClassLoader()),
                    name + " must not be on the Lambda classpath");
        }

        Map<String, Object> props = new HashMap<>();
        // 与 Terraform 给 Lambda 的设置相同：不用 etcd（包里没有客户端），Kafka 只在发送死信时才连接
        props.put("im.discovery.enabled", "false");
        props.put("kafka.bootstrap.servers", "127.0.0.1:1");
        props.putAll(properties());
        LambdaApplicationContextBuilder builder = new LambdaApplicationContextBuilder();
        builder.properties(props);

        try (TaskLambdaHandler handler = new TaskLambdaHandler(builder)) {
            ApplicationContext ctx = handler.getApplicationContext();
            assertTrue(ctx.getEnvironment().getActiveNames().containsAll(Set.of("function", "lambda")),
                    "active environments: " + ctx.getEnvironment().getActiveNames());
            assertEquals(Set.of(taskType()), ctx.getBean(TaskDispatcher.class).taskTypes());

            // Lambda 运行时经 ServiceLoader 找到 Micronaut 的序列化器来反序列化事件：它必须在包里并认得 KafkaEvent
            CustomPojoSerializer serializer = StreamSupport.stream(ServiceLoader.load(CustomPojoSerializer.class).spliterator(), false)
                    .findFirst().orElse(null);
            assertNotNull(serializer, "no CustomPojoSerializer on the Lambda classpath");
            String json = "{\"eventSource\":\"aws:kafka\",\"bootstrapServers\":\"b-1:9096\",\"records\":{}}";
            KafkaEvent event = serializer.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), KafkaEvent.class);
            assertEquals("aws:kafka", event.getEventSource());

            DispatchReport report = handler.handleRequest(event, null);
            assertEquals(0, report.processed());
            assertFalse(report.deadLettered() > 0);
        }
    }
}
