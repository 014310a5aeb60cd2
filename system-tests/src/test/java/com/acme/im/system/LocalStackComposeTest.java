package com.acme.im.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * localstack-compose.yml 必须与各应用 application.yml 的默认值一致：有 Docker 的用户用它起的服务，
 * 应用不改任何配置就能连上（端口、数据库名、账号密码）。
 */
class LocalStackComposeTest {

    /** 基础设施端口到 compose 服务镜像关键字。 */
    private static final Map<Integer, String> INFRA = Map.of(
            9092, "kafka", 3306, "mariadb", 6379, "redis", 2379, "etcd", 9200, "elasticsearch",
            // 对象存储（im.storage.endpoint）：compose 里由 LocalStack 的第二个监听端口提供 S3
            9000, "localstack");
    private static final Pattern DEFAULT_ADDRESS = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void composeServesEveryInfrastructureDefaultOfTheApps() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("localstack-compose.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Map<Integer, String> published = new HashMap<>();
        services.forEach((name, svc) -> {
            Object ports = svc.get("ports");
            if (ports instanceof List<?> list) {
                for (Object p : list) {
                    String[] parts = p.toString().split(":");
                    assertEquals(parts[0], parts[parts.length - 1], name + " must publish the same port it listens on: " + p);
                    published.put(Integer.parseInt(parts[0]), name + " " + svc.get("image"));
                }
            }
        });

        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path yml : files.filter(p -> p.toString().endsWith("src/main/resources/application.yml")).toList()) {
                Matcher m = DEFAULT_ADDRESS.matcher(Files.readString(yml));
                while (m.find()) {
                    int port = Integer.parseInt(m.group(1));
                    String kind = INFRA.get(port);
                    if (kind == null) {
                        continue;
                    }
                    String service = published.get(port);
                    assertNotNull(service, root.relativize(yml) + " defaults to port " + port + " (" + kind + ") which compose does not publish");
                    assertTrue(service.contains(kind), "port " + port + " is published by " + service + ", expected " + kind);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 8, "expected the apps to default to the infrastructure ports, found " + checked);
        assertTrue(published.containsKey(4566), "LocalStack must be part of the compose file");

        // 数据库名与账号：repo-app 的默认值必须与 compose 里 MariaDB 的初始化参数一致
        String repoYml = Files.readString(root.resolve("repo-app/src/main/resources/application.yml"));
        Map<String, Object> mariadb = services.values().stream()
                .filter(s -> String.valueOf(s.get("image")).startsWith("mariadb")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) mariadb.get("environment");
        assertTrue(repoYml.contains("127.0.0.1:3306/" + env.get("MARIADB_DATABASE") + "`"), "database name differs");
        assertTrue(repoYml.contains("${IM_DB_USER:" + env.get("MARIADB_USER") + "}"), "database user differs");
        assertTrue(repoYml.contains("${IM_DB_PASSWORD:" + env.get("MARIADB_PASSWORD") + "}"), "database password differs");
        assertFalse(services.isEmpty());
    }
}
