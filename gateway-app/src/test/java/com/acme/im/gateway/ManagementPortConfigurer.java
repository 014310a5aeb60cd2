package com.acme.im.gateway;

import com.acme.im.testsupport.TestPorts;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;

import java.util.Map;

/**
 * 测试里每个网关上下文一个自己的管理端口：同机可能运行着开发环境的网关（9080），一个 JVM 里也可能有多个网关。
 * 不用 ${random.port}：它在临时端口段里探测后再绑定，CI 上被出站连接抢先占用过（"Unable to start Micronaut server"）；
 * TestPorts 只在临时端口段之外挑。
 * 用单独命名的属性源：ApplicationContext.run(Map) 自己的属性源也叫 "context"，会把构建器属性整个顶掉。
 * 位置在配置文件（-300）与环境变量（-200）之上、系统属性（-100）与测试显式传入的属性（0）之下。
 */
@ContextConfigurer
public class ManagementPortConfigurer implements ApplicationContextConfigurer {

    private static final int POSITION = -150;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(PropertySource.of("test-management-port",
                Map.of("endpoints.all.port", TestPorts.free()), POSITION));
    }
}
