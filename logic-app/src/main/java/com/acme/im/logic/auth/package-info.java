/** 注册、登录、令牌签发、刷新与吊销。 */
package com.acme.im.logic.auth;
