package com.acme.im.bench.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * 网关的堆用量：读管理端口（默认 http://127.0.0.1:9080，只监听回环；公网端口上没有指标）上 /prometheus 的
 * jvm_memory_used_bytes{area="heap"}（各堆区求和）。
 * 需要“存活对象”时先用 jcmd 触发一次 Full GC（同机同用户，不需要 JMX）。
 */
public final class GatewayMetrics {

    private final URI prometheus;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param management 网关管理端口的地址（选项 gateway-management） */
    public GatewayMetrics(URI management) {
        this.prometheus = management.resolve("/prometheus");
    }

    /** 当前堆用量（字节），读不到时 -1。 */
    public long heapUsedBytes() {
        try {
            String body = http.send(HttpRequest.newBuilder(prometheus).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return sumHeap(body);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** 从 Prometheus 文本里把 area="heap" 的 jvm_memory_used_bytes 加起来。 */
    static long sumHeap(String prometheusText) {
        double sum = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? (long) sum : -1;
    }

    /** 让进程做一次 Full GC（jcmd GC.run），返回是否成功。 */
    public static boolean fullGc(long pid) {
        try {
            Process p = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
