package com.acme.im.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * 测试用空闲端口。只在 20000–32000 里挑：Linux 的临时端口从 32768 起，
 * 用 ServerSocket(0) 拿到的端口在真正绑定前可能被 Kafka、gRPC 等客户端的出站连接占去（CI 上出现过）。
 * 同一 JVM 内发出的端口不再重复发出，子进程还没绑定时也不会撞车。
 */
public final class TestPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private TestPorts() {
    }

    /** 一个当前可绑定、本 JVM 未发出过的端口。 */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + LOW + "-" + HIGH);
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
