/** 推送令牌与推送设置。 */
package com.acme.im.repo.push;
