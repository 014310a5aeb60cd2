/** 会话 ID 的唯一定义：格式、解析与成员规则，网关之后的所有层共用。 */
package com.acme.im.runtime.conversation;
