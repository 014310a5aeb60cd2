/** WebSocket 连接、帧解析、限流与串行处理。 */
package com.acme.im.gateway.ws;
