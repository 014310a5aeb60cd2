/** 压测客户端：REST、WebSocket 连接与用户池。 */
package com.acme.im.bench.client;
