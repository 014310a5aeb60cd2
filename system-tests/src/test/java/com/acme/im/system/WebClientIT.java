package com.acme.im.system;

import com.acme.im.testsupport.AppProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.acme.im.system.SystemUnderTest.GATEWAY_A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 网页客户端的真实浏览器测试：网关 A 提供静态页面，web-test/chat.mjs 用 playwright-core 驱动无头 Chromium
 * （Debian 的 chromium 包），两个用户注册、单聊互发、已读回执、断网重连补消息、群消息，每步截图到
 * system-tests/target/web-screenshots/。浏览器或 node_modules 缺失时失败而不是跳过（scripts/test.sh 负责安装）。
 */
class WebClientIT {

    private static final Path ROOT = AppProcess.repoRoot();
    private static final Path SHOTS = ROOT.resolve("system-tests/target/web-screenshots");

    @BeforeAll
    static void system() {
        SystemUnderTest.get();
    }

    @Test
    void pageAndScriptsAreServedWithoutLogin() throws Exception {
        for (String path : List.of("/", "/web/app.js", "/web/style.css")) {
            HttpResponse<String> r = ImClient.HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + GATEWAY_A + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
        }
    }

    @Test
    void twoUsersChatInRealBrowsers() throws Exception {
        Path script = ROOT.resolve("web-test/chat.mjs");
        assertTrue(Files.isDirectory(ROOT.resolve("web-test/node_modules/playwright-core")),
                "web-test/node_modules is missing: run 'npm ci' in web-test (scripts/test.sh does)");
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) || System.getenv("CHROMIUM_PATH") != null,
                "/usr/bin/chromium is missing: apt-get install -y chromium (scripts/test.sh does)");
        deleteScreenshots();
        Path log = ROOT.resolve("system-tests/target/web-test.log");
        Process node = new ProcessBuilder("node", script.toString(), "http://127.0.0.1:" + GATEWAY_A, SHOTS.toString())
                .directory(ROOT.resolve("web-test").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, "browser test did not finish in 5 minutes:\n" + output);
        assertEquals(0, node.exitValue(), "browser test failed (screenshots in " + SHOTS + "):\n" + output);
        assertTrue(output.contains("all steps passed"), output);
        for (String step : List.of("registered", "alice-sent", "bob-unread", "read-receipt", "bob-offline",
                "bob-back-online", "group-message", "alice-logged-out")) {
            for (String who : List.of("alice", "bob")) {
                try (Stream<Path> files = Files.list(SHOTS)) {
                    assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-" + step + "-" + who + ".png")),
                            "missing screenshot of step " + step + " for " + who);
                }
            }
        }
    }

    private static void deleteScreenshots() throws IOException {
        if (Files.isDirectory(SHOTS)) {
            try (Stream<Path> files = Files.list(SHOTS)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
