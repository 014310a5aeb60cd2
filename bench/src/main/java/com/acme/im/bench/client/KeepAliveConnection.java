package com.acme.im.bench.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * 压测用的最小 HTTP/1.1 GET 连接：一条保持的 TCP 连接、阻塞读写、只解析状态码与响应体长度，响应体直接丢弃。
 * 为什么不用 JDK HttpClient：它的异步模式每个请求要经过多次线程切换，500 次/秒时压测端自己吃掉 0.7–0.9 个核，
 * 与被测系统抢同一台 2 核机器；这里每个请求只有一次 write 和一两次 read。
 * 非线程安全：一条连接同一时刻只给一个线程用。出错后自动重连。
 */
public final class KeepAliveConnection implements AutoCloseable {

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    public KeepAliveConnection(URI base, int timeoutMillis) {
        this.host = base.getHost();
        this.port = base.getPort() > 0 ? base.getPort() : 80;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * 发一个 GET 并读完响应。
     *
     * @return HTTP 状态码
     * @throws IOException 连接或读写失败、超时（连接随即关闭，下次调用重连）
     */
    public int get(String pathAndQuery, String bearerToken) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nAuthorization: Bearer " + bearerToken + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readResponse();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        out = s.getOutputStream();
        in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0;
                 size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                skip(size);
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // 丢弃尾部头
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            close = true;
            while (in.read() >= 0) {
                // 没有长度：读到连接关闭
            }
        }
        if (close) {
            close();
        }
        return code;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in the body");
                }
                skipped = 1;
            }
            n -= skipped;
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // 关闭失败无所谓，连接反正不用了
            }
        }
        socket = null;
        out = null;
        in = null;
    }
}
