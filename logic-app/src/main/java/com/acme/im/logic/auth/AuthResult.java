package com.acme.im.logic.auth;

import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.logic.v1.TokenPair;

/**
 * 登录、注册或刷新的结果：用户（刷新时可能为空）与新令牌对。
 *
 * @param user   用户资料
 * @param tokens 令牌对
 */
public record AuthResult(User user, TokenPair tokens) {
}
