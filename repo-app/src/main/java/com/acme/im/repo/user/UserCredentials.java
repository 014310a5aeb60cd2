package com.acme.im.repo.user;

/**
 * 校验密码时从库中读出的资料与哈希；只在 repo-app 内部流转，从不缓存、从不返回给调用方。
 */
public record UserCredentials(UserRecord user, String passwordHash) {
}
