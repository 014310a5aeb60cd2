package com.acme.im.audit;

import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.lambda.LambdaClasspathContract;

import java.util.Map;

/** audit-function 的 Lambda 包在精简类路径上能启动并处理 KafkaEvent（见 LambdaClasspathContract）。 */
class AuditLambdaClasspathTest extends LambdaClasspathContract {

    @Override
    protected String taskType() {
        return TaskTypes.AUDIT;
    }

    @Override
    protected Map<String, Object> properties() {
        // Lambda 经 DNS 名（Cloud Map）连 repo-app，不经 etcd
        return Map.of("grpc.channels.repo-app.address", "127.0.0.1:1");
    }
}
