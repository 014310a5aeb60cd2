/** 业务逻辑应用：鉴权、会话、群组、消息路由。 */
package com.acme.im.logic;
