package com.acme.im.push;

import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.lambda.LambdaClasspathContract;

import java.util.Map;

/** push-function 的 Lambda 包在精简类路径上能启动并处理 KafkaEvent（见 LambdaClasspathContract）。 */
class PushLambdaClasspathTest extends LambdaClasspathContract {

    @Override
    protected String taskType() {
        return TaskTypes.PUSH;
    }

    @Override
    protected Map<String, Object> properties() {
        return Map.of("grpc.channels.repo-app.address", "127.0.0.1:1", "im.push.api-key", "test-key");
    }
}
