package com.acme.im.runtime.discovery;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * 测试自己起停的 etcd 进程（独立端口与临时数据目录），用来模拟 etcd 重启而不碰共享的 2379。
 */
final class ThrowawayEtcd implements AutoCloseable {

    static final int CLIENT_PORT = 23790;
    static final int PEER_PORT = 23800;
    static final String ENDPOINT = "http://127.0.0.1:" + CLIENT_PORT;

    private final List<Path> dataDirs = new ArrayList<>();
    private Process process;
    private Path dataDir;

    /** 用新的空数据目录启动（之前的数据全部丢失）。 */
    void startFresh() throws IOException {
        dataDir = Files.createTempDirectory("etcd-restart-it");
        dataDirs.add(dataDir);
        start();
    }

    void start() throws IOException {
        String peer = "http://127.0.0.1:" + PEER_PORT;
        process = new ProcessBuilder("/usr/bin/etcd",
                "--name", "restart-it",
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", ENDPOINT,
                "--advertise-client-urls", ENDPOINT,
                "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "restart-it=" + peer)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile())
                .start();
        try (Client probe = Client.builder().endpoints(ENDPOINT).build()) {
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                probe.getKVClient().get(ByteSequence.from("/probe", StandardCharsets.UTF_8)).get(1, TimeUnit.SECONDS);
                return true;
            });
        }
    }

    /** 像宕机一样直接杀掉，不给 etcd 任何清理机会。 */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        kill();
        for (Path dir : dataDirs) {
            Files.deleteIfExists(dir.resolveSibling(dir.getFileName() + ".log"));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
