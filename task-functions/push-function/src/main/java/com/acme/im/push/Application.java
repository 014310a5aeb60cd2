package com.acme.im.push;

import io.micronaut.runtime.Micronaut;

/**
 * push-function 常驻入口（java -jar）：启动 HTTP（健康与指标）与任务消费者；
 * 作为 Lambda 部署时 handler 为 com.acme.im.task.lambda.TaskLambdaHandler，不经过这里。
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
