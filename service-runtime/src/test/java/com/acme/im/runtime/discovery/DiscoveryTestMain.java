package com.acme.im.runtime.discovery;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/**
 * 独立 JVM 的测试实例入口：参数为 key=value 配置，启动后一直运行直到被强杀。
 */
public final class DiscoveryTestMain {

    private DiscoveryTestMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, Object> props = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            props.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, props);
        System.out.println("READY " + server.getPort());
        Thread.currentThread().join();
    }
}
