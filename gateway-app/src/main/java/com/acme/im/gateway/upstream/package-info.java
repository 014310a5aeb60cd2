/** 把客户端发来的消息写入上行 Topic。 */
package com.acme.im.gateway.upstream;
