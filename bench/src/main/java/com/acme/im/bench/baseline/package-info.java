/** 同机基线：Kafka 单跳/两跳与 WebSocket 回显，作为比较的下限。 */
package com.acme.im.bench.baseline;
