/** 推送函数：离线推送到第三方 HTTP 服务。 */
package com.acme.im.push;
