/** 管理后台 REST 接口（/api/v1/admin/**）：只认管理员令牌，原样转给 logic 的 AdminService。 */
package com.acme.im.gateway.admin;
