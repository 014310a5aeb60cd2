package com.acme.im.repo.user;

import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * bcrypt 慢哈希。未知用户也对一个固定的假哈希做一次校验，使“用户不存在”与“密码错误”耗时相同，
 * 调用方无法借响应时间探测用户名是否存在。
 */
@Singleton
public class PasswordHasher {

    /** bcrypt 只使用前 72 字节，更长的密码直接拒绝，避免“后缀不同也能登录”。 */
    public static final int MAX_PASSWORD_BYTES = 72;

    private final int cost;
    private final String dummyHash;

    public PasswordHasher(PasswordConfiguration configuration) {
        this.cost = configuration.bcryptCost();
        this.dummyHash = hash("not-a-real-password-" + System.nanoTime());
    }

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.US_ASCII)).verified;
    }

    /** 为不存在的用户消耗同样的时间。 */
    public void verifyDummy(String password) {
        verify(password, dummyHash);
    }
}
