/** 会话、成员关系、历史消息与已读。 */
package com.acme.im.logic.conversation;
