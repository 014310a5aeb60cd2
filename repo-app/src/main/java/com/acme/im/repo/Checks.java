package com.acme.im.repo;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * 入参校验：非法输入一律以 1001（或指定错误码）返回，绝不让它变成 1000 内部错误。
 */
public final class Checks {

    private Checks() {
    }

    public static void require(boolean condition, ErrorCode code, String message) {
        if (!condition) {
            throw new ImException(code, message);
        }
    }

    public static void require(boolean condition, String message) {
        require(condition, ErrorCode.INVALID_PARAMETER, message);
    }

    public static long id(long value, String name) {
        require(value > 0, name + " must be a positive id");
        return value;
    }

    /** 必填字符串：去掉两端空白后非空且不超过 maxLength 个字符。 */
    public static String text(String value, String name, int maxLength) {
        require(value != null && !value.isBlank(), name + " must not be empty");
        require(withinCodePoints(value, maxLength), name + " must be at most " + maxLength + " characters");
        return value;
    }

    /** 可选字符串：空串表示未给出（返回 null），否则限制长度。 */
    public static String optionalText(String value, String name, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        require(withinCodePoints(value, maxLength), name + " must be at most " + maxLength + " characters");
        return value;
    }

    /**
     * 按字符（码点）计长度，与网关、logic 以及 utf8mb4 的 VARCHAR(n) 一致；按 UTF-16 单元计会让 33-64 个 emoji
     * 的昵称在网关通过、在这里被拒。
     */
    private static boolean withinCodePoints(String value, int max) {
        return value.length() <= max || value.codePointCount(0, value.length()) <= max;
    }

    /** ID 列表：全部为正、去重保序、数量不超过上限。 */
    public static LinkedHashSet<Long> ids(Collection<Long> values, String name, int max) {
        require(values.size() <= max, name + " must contain at most " + max + " ids");
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        for (Long v : values) {
            id(v, name);
            out.add(v);
        }
        return out;
    }

    /** 分页大小：0 取默认值，其余必须在 1..max。 */
    public static int limit(int value, int defaultValue, int max, String name) {
        if (value == 0) {
            return defaultValue;
        }
        require(value >= 1 && value <= max, name + " must be between 1 and " + max);
        return value;
    }
}
