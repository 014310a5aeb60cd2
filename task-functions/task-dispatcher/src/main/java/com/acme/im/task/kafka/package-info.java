/** 常驻进程形态：Kafka 消费循环。 */
package com.acme.im.task.kafka;
