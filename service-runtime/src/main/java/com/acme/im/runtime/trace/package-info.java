/** 追踪 ID 在 HTTP、gRPC 与 Kafka 之间的传递。 */
package com.acme.im.runtime.trace;
