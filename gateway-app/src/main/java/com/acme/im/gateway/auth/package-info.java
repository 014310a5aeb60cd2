/** 网关的登录、令牌校验与吊销检查。 */
package com.acme.im.gateway.auth;
