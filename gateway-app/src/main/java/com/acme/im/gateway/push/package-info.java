/** 推送令牌：客户端为当前设备登记或删除离线推送令牌。 */
package com.acme.im.gateway.push;
