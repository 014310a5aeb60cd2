package com.acme.im.fanout;

import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.lambda.LambdaClasspathContract;

import java.util.Map;

/** fanout-function 的 Lambda 包在精简类路径上能启动并处理 KafkaEvent（见 LambdaClasspathContract）。 */
class FanoutLambdaClasspathTest extends LambdaClasspathContract {

    @Override
    protected String taskType() {
        return TaskTypes.FANOUT;
    }

    @Override
    protected Map<String, Object> properties() {
        // Lambda 经 DNS 名（Cloud Map）连 repo-app，不经 etcd
        return Map.of("grpc.channels.repo-app.address", "127.0.0.1:1");
    }
}
