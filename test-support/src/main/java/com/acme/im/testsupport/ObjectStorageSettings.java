package com.acme.im.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 测试连接 scripts/infra.sh 启动的 S3Proxy 所需的 im.storage.* 设置：地址、桶与访问密钥 ID 是 infra.sh 的固定值，
 * 秘密访问密钥每个安装一份——取环境变量 IM_S3_SECRET_KEY，没有时读 .infra/secrets/s3-secret-key（infra.sh 生成，
 * 状态目录按 IM_INFRA_DIR）。
 */
public final class ObjectStorageSettings {

    /** infra.sh 的 S3Proxy 地址。 */
    public static final String ENDPOINT = "http://127.0.0.1:9000";
    /** infra.sh 建好的桶。 */
    public static final String BUCKET = "im-files";
    /** infra.sh 的访问密钥 ID。 */
    public static final String ACCESS_KEY = "im-local";

    private ObjectStorageSettings() {
    }

    /** 本安装的秘密访问密钥。 */
    public static String secretKey() {
        String env = System.getenv("IM_S3_SECRET_KEY");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        // 与 scripts/secrets.sh 相同：状态目录可用 IM_INFRA_DIR 覆盖
        String infra = System.getenv("IM_INFRA_DIR");
        Path dir = infra != null && !infra.isBlank() ? Path.of(infra) : AppProcess.repoRoot().resolve(".infra");
        Path file = dir.resolve("secrets/s3-secret-key");
        if (!Files.exists(file)) {
            // 没有 infra.sh 的安装（-Pdocker-infra 的 LocalStack 不校验密钥）：任意非空值；S3Proxy 会以签名不符拒绝，测试照样失败
            return "localstack-accepts-any-secret";
        }
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is unreadable", e);
        }
    }

    /** 应用的 im.storage.* 属性（作为系统属性传给子进程，或写进测试的配置）。 */
    public static Map<String, String> properties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("im.storage.endpoint", ENDPOINT);
        props.put("im.storage.bucket", BUCKET);
        props.put("im.storage.path-style", "true");
        props.put("im.storage.access-key", ACCESS_KEY);
        props.put("im.storage.secret-key", secretKey());
        return props;
    }
}
