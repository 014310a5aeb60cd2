/** 会话与历史消息的 REST 接口。 */
package com.acme.im.gateway.conversation;
