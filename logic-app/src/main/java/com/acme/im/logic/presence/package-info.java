/** 在线状态查询与上下线通知。 */
package com.acme.im.logic.presence;
