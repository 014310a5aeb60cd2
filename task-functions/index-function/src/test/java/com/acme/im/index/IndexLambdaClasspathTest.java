package com.acme.im.index;

import com.acme.im.runtime.kafka.TaskTypes;
import com.acme.im.task.lambda.LambdaClasspathContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** index-function 的 Lambda 包在精简类路径上能启动并处理 KafkaEvent（见 LambdaClasspathContract）。 */
class IndexLambdaClasspathTest extends LambdaClasspathContract {

    @Override
    protected String taskType() {
        return TaskTypes.INDEX;
    }

    @Override
    protected List<String> absentClasses() {
        // 索引函数的 Lambda 包另外去掉了 gRPC（它不调用 repo-app）
        List<String> absent = new ArrayList<>(super.absentClasses());
        absent.add("io.grpc.ManagedChannel");
        absent.add("com.google.common.collect.ImmutableList");
        return absent;
    }

    @Override
    protected Map<String, Object> properties() {
        // Elasticsearch 不可达时函数照常启动（第一次写入前再建索引）
        return Map.of("elasticsearch.httpHosts", "http://127.0.0.1:1");
    }
}
