package com.acme.im.task.registration;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * 写入 etcd 的函数实例描述：运维与 logic-app 据此看到哪些任务类型有实例在处理。
 *
 * @param function     函数名（应用名）
 * @param instanceId   实例 ID
 * @param host         主机
 * @param httpPort     健康与指标端口
 * @param taskTypes    处理的任务类型
 * @param topics       订阅的 Topic
 * @param consumerGroup 消费组
 * @param registeredAt 登记时间（毫秒时间戳）
 */
@Serdeable
public record FunctionInstance(String function, String instanceId, String host, int httpPort,
                               List<String> taskTypes, List<String> topics, String consumerGroup,
                               long registeredAt) {
}
