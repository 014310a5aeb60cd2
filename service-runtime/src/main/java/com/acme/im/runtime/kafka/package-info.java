/** Kafka 的 Topic 名称与手工消费者的公共配置，所有应用与函数共用。 */
package com.acme.im.runtime.kafka;
