package com.acme.im.bench;

import com.acme.im.bench.client.BenchUser;
import com.acme.im.bench.client.RestClient;
import com.acme.im.bench.client.UserPool;
import com.acme.im.bench.client.WsClient;
import com.acme.im.bench.report.ProcessCpu;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * 一次压测运行共享的东西：网关地址、REST 与 WebSocket 客户端、用户池、进程 CPU 采样、仓库根目录。
 */
public final class BenchContext implements AutoCloseable {

    private final BenchOptions options;
    private final Path root;
    private final RestClient rest;
    private final WsClient ws;
    private final UserPool pool;
    private final ProcessCpu cpu;
    private final String runTag;

    public BenchContext(BenchOptions options) {
        this.options = options;
        this.root = Path.of(options.string("root", System.getProperty("user.dir"))).toAbsolutePath();
        String gateway = options.string("gateway", "http://127.0.0.1:8080");
        this.rest = new RestClient(URI.create(gateway));
        this.ws = new WsClient(URI.create(gateway.replaceFirst("^http", "ws") + "/ws"), options.integer("client-threads", 2));
        this.pool = new UserPool(rest, root.resolve("bench/target/user-pool.json"), options.integer("register-parallelism", 3));
        this.cpu = new ProcessCpu(appsDir());
        this.runTag = "r" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    }

    public BenchOptions options() {
        return options;
    }

    public Path root() {
        return root;
    }

    /** scripts/system.sh 写 pid 文件的目录。 */
    public Path appsDir() {
        return root.resolve(".infra/apps");
    }

    public RestClient rest() {
        return rest;
    }

    public WsClient ws() {
        return ws;
    }

    public ProcessCpu cpu() {
        return cpu;
    }

    /** 本次运行唯一的标签，用于 client_msg_id 与群名。 */
    public String runTag() {
        return runTag;
    }

    /** 用户池的前 n 个用户。 */
    public List<BenchUser> users(int n) throws Exception {
        return pool.ensure(n);
    }

    @Override
    public void close() {
        ws.close();
    }
}
