package com.acme.im.logic.auth;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;

import java.util.regex.Pattern;

/**
 * 注册时的用户名与密码规则（种子文档 001）：在调用 repo 前拒绝非法输入，返回 1001。
 */
public final class CredentialValidator {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");

    private CredentialValidator() {
    }

    /** 用户名 3-32 位字母、数字、下划线、点、横线。 */
    public static void checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "username must be 3-32 characters of letters, digits, '_', '.', '-'");
        }
    }

    /** 密码 8-128 个字符（按 Unicode 码点计数）。 */
    public static void checkPassword(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < 8 || length > 128) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "password must be 8-128 characters");
        }
    }

    /** 昵称可空，最长 64 字符。 */
    public static void checkNickname(String nickname) {
        if (nickname != null && nickname.codePointCount(0, nickname.length()) > 64) {
            throw new ImException(ErrorCode.INVALID_PARAMETER, "nickname must be at most 64 characters");
        }
    }
}
