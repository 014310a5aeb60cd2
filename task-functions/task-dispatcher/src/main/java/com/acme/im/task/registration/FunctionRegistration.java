package com.acme.im.task.registration;

import com.acme.im.runtime.discovery.DiscoveryConfiguration;
import com.acme.im.runtime.discovery.EtcdRegistrar;
import com.acme.im.runtime.discovery.ServiceEntry;
import com.acme.im.task.TaskDispatcher;
import com.acme.im.task.kafka.TaskConsumerRunner;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 常驻函数实例在 etcd 的登记：经 service-runtime 的 EtcdRegistrar（租约、续约、丢失后重登记、退出时删除），
 * 键 {im.discovery.prefix}/{函数名}/{实例 ID}（函数配置 prefix 为 /im/functions），
 * 元数据里的任务类型取自实际注册的处理器而不是手写配置，运维与 logic-app 看到的就是真正在处理的类型。
 * 函数关闭了 service-runtime 的自动登记（im.discovery.register=false），只由这里写一条。
 * Lambda 实例寿命短且不常驻，不登记。
 */
@Singleton
@Requires(notEnv = Environment.FUNCTION)
@Requires(beans = {EtcdRegistrar.class, TaskConsumerRunner.class})
@Requires(property = "im.task.registration.enabled", notEquals = "false")
public class FunctionRegistration implements ApplicationEventListener<ServerStartupEvent> {

    private final EtcdRegistrar registrar;
    private final DiscoveryConfiguration discovery;
    private final TaskDispatcher dispatcher;
    private final TaskConsumerRunner runner;
    private final String functionName;

    public FunctionRegistration(EtcdRegistrar registrar, DiscoveryConfiguration discovery, TaskDispatcher dispatcher,
                                TaskConsumerRunner runner,
                                @Value("${micronaut.application.name:task-function}") String functionName) {
        this.registrar = registrar;
        this.discovery = discovery;
        this.dispatcher = dispatcher;
        this.runner = runner;
        this.functionName = functionName;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        registrar.register(entry(event.getSource().getPort()));
    }

    /** 本实例的登记内容。 */
    ServiceEntry entry(int httpPort) {
        Map<String, String> metadata = new LinkedHashMap<>(discovery.getMetadata());
        metadata.put("task-types", String.join(",", dispatcher.taskTypes()));
        metadata.put("topics", String.join(",", runner.topics()));
        metadata.put("consumer-group", runner.groupId());
        metadata.put("runtime", "kafka");
        return new ServiceEntry(functionName, dispatcher.instanceId(), discovery.getHost(), httpPort, 0, metadata);
    }
}
