/** 令牌族（会话）与刷新令牌。 */
package com.acme.im.repo.session;
