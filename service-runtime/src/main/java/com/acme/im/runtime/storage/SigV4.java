package com.acme.im.runtime.storage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 的查询串签名（预签名 URL），按 S3 文档“Authenticating Requests: Using Query Parameters”实现。
 * 手写而不引入 AWS SDK：只需要 HMAC-SHA256 与规范化请求，SDK（含 HTTP 客户端与几十个 jar）对三个调用太重；
 * SigV4DocumentedExampleTest 用 AWS 文档里的例子固定签名结果，S3Proxy 的集成测试确认真实服务端接受它。
 */
final class SigV4 {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private SigV4() {
    }

    /** 一组凭据；sessionToken 为空表示长期密钥。 */
    record Credentials(String accessKey, String secretKey, String sessionToken) {
    }

    /**
     * 生成预签名 URL。
     *
     * @param method        HTTP 方法
     * @param url           不带查询串的地址（路径已按 S3 规则编码）
     * @param query         额外的查询参数（未编码），一并签名
     * @param signedHeaders 除 host 外客户端必须原样发送的头（小写名 → 值），如 content-type、content-length
     * @param credentials   凭据
     * @param region        区域
     * @param now           签名时刻
     * @param expires       有效期（1 秒到 7 天）
     */
    static URI presign(String method, URI url, Map<String, String> query, Map<String, String> signedHeaders,
                       Credentials credentials, String region, Instant now, Duration expires) {
        String amzDate = AMZ_DATE.format(now);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/s3/aws4_request";
        TreeMap<String, String> headers = new TreeMap<>();
        signedHeaders.forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.trim()));
        headers.put("host", hostHeader(url));
        String signedHeaderNames = String.join(";", headers.keySet());

        TreeMap<String, String> params = new TreeMap<>();
        query.forEach((k, v) -> params.put(encode(k), encode(v)));
        params.put("X-Amz-Algorithm", ALGORITHM);
        params.put("X-Amz-Credential", encode(credentials.accessKey() + "/" + scope));
        params.put("X-Amz-Date", amzDate);
        params.put("X-Amz-Expires", Long.toString(Math.max(1, Math.min(604800, expires.toSeconds()))));
        if (!credentials.sessionToken().isEmpty()) {
            params.put("X-Amz-Security-Token", encode(credentials.sessionToken()));
        }
        params.put("X-Amz-SignedHeaders", encode(signedHeaderNames));
        StringBuilder canonicalQuery = new StringBuilder();
        params.forEach((k, v) -> {
            if (canonicalQuery.length() > 0) {
                canonicalQuery.append('&');
            }
            canonicalQuery.append(k).append('=').append(v);
        });
        StringBuilder canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaderNames + "\nUNSIGNED-PAYLOAD";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n" + HEX.formatHex(sha256(canonicalRequest));
        byte[] key = hmac(("AWS4" + credentials.secretKey()).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + "?" + canonicalQuery
                + "&X-Amz-Signature=" + signature);
    }

    /** Host 头的值：非默认端口时带端口（HTTP 客户端发送的也是这样）。 */
    static String hostHeader(URI url) {
        int port = url.getPort();
        boolean defaultPort = port == -1 || ("http".equals(url.getScheme()) && port == 80) || ("https".equals(url.getScheme()) && port == 443);
        return defaultPort ? url.getHost() : url.getHost() + ":" + port;
    }

    /** RFC 3986 编码：只保留非保留字符 A-Z a-z 0-9 - _ . ~，其余按 UTF-8 字节 %XX（大写）。 */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** 对象键编码成路径：每段单独编码，保留 '/'。 */
    static String encodePath(String key) {
        StringBuilder out = new StringBuilder();
        for (String segment : key.split("/", -1)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        return out.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
