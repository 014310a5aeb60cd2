/** 推送令牌管理：校验后登记或删除调用者设备的离线推送令牌。 */
package com.acme.im.logic.push;
