package com.acme.im.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * 压测用户池：经 REST 注册新用户（用户名带本池唯一前缀），令牌缓存在本地文件。
 * 注册要做一次 bcrypt（默认代价 10），5000 个用户在 2 核上要几分钟；缓存让后续运行只需刷新令牌
 * （/auth/refresh 不做 bcrypt）。缓存失效（库被清空、令牌被拒）时整池重新注册。
 */
public final class UserPool {

    /** 池中所有用户的密码（故障注入套件在令牌被拒时用它重新登录）。 */
    public static final String PASSWORD = "bench-password-1";
    private static final long REFRESH_MARGIN_MILLIS = TimeUnit.MINUTES.toMillis(30);

    private final RestClient rest;
    private final Path cacheFile;
    private final int parallelism;

    public UserPool(RestClient rest, Path cacheFile, int parallelism) {
        this.rest = rest;
        this.cacheFile = cacheFile;
        this.parallelism = parallelism;
    }

    /** 返回至少 n 个可用用户（按注册顺序）。 */
    public List<BenchUser> ensure(int n) throws Exception {
        List<BenchUser> users = load();
        if (!users.isEmpty() && !stillValid(users)) {
            System.out.println("[users] cached users rejected by the gateway: registering a new pool");
            users = new ArrayList<>();
        }
        if (users.isEmpty()) {
            String prefix = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            users = new ArrayList<>(register(prefix, 0, n));
        } else {
            users = new ArrayList<>(refreshExpiring(users));
            if (users.size() < n) {
                String prefix = users.get(0).username().substring(0, users.get(0).username().indexOf('-'));
                users.addAll(register(prefix, users.size(), n));
            }
        }
        save(users);
        return users.subList(0, n);
    }

    private boolean stillValid(List<BenchUser> users) {
        // 首尾各查一次：库被清空或密钥更换时令牌会被拒
        for (BenchUser u : List.of(users.get(0), users.get(users.size() - 1))) {
            if (u.expiresAtMillis() < System.currentTimeMillis()) {
                continue;
            }
            try {
                rest.get("/api/v1/conversations?page_size=1", u.accessToken());
            } catch (RestClient.RestException e) {
                return false;
            }
        }
        return true;
    }

    private List<BenchUser> register(String prefix, int from, int to) throws Exception {
        long start = System.nanoTime();
        System.out.printf("[users] registering %d users (%s-%d..%d) over REST, %d in parallel%n", to - from, prefix, from, to - 1, parallelism);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<BenchUser>> futures = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String name = prefix + "-" + i;
                futures.add(pool.submit(() -> registerOrLogin(name)));
            }
            List<BenchUser> out = new ArrayList<>();
            for (Future<BenchUser> f : futures) {
                out.add(f.get());
                if (out.size() % 1000 == 0) {
                    System.out.printf("[users]   %d registered%n", out.size());
                }
            }
            System.out.printf("[users] registered %d users in %.1f s%n", out.size(), (System.nanoTime() - start) / 1e9);
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 注册；系统忙时（1007/超时）退避重试。重试前一次可能其实已成功，此时注册返回 2001，改为登录。
     */
    private BenchUser registerOrLogin(String name) throws InterruptedException {
        RestClient.RestException last = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            try {
                return session(rest.register(name, PASSWORD));
            } catch (RestClient.RestException e) {
                last = e;
                if (e.getMessage().contains("\"code\":2001")) {
                    return session(rest.login(name, PASSWORD));
                }
                if (e.status() != 503 && e.status() != 504 && e.status() != -1) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(500L << attempt);
            }
        }
        throw last;
    }

    private List<BenchUser> refreshExpiring(List<BenchUser> users) throws Exception {
        long limit = System.currentTimeMillis() + REFRESH_MARGIN_MILLIS;
        long expiring = users.stream().filter(u -> u.expiresAtMillis() < limit).count();
        if (expiring == 0) {
            return users;
        }
        System.out.printf("[users] refreshing %d access tokens%n", expiring);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<BenchUser>> futures = new ArrayList<>();
            for (BenchUser u : users) {
                futures.add(pool.submit(() -> {
                    if (u.expiresAtMillis() >= limit) {
                        return u;
                    }
                    JsonNode t = rest.refresh(u.refreshToken());
                    return new BenchUser(u.id(), u.username(), t.path("access_token").asText(),
                            t.path("refresh_token").asText(), expiry(t));
                }));
            }
            List<BenchUser> out = new ArrayList<>();
            for (Future<BenchUser> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static BenchUser session(JsonNode s) {
        return new BenchUser(s.path("user").path("id").asLong(), s.path("user").path("username").asText(),
                s.path("access_token").asText(), s.path("refresh_token").asText(), expiry(s));
    }

    private static long expiry(JsonNode tokens) {
        return System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(tokens.path("expires_in").asLong(3600));
    }

    private List<BenchUser> load() throws IOException {
        List<BenchUser> users = new ArrayList<>();
        if (!Files.exists(cacheFile)) {
            return users;
        }
        JsonNode root = RestClient.JSON.readTree(cacheFile.toFile());
        if (!rest.base().toString().equals(root.path("gateway").asText())) {
            return users;
        }
        for (JsonNode u : root.path("users")) {
            users.add(new BenchUser(u.path("id").asLong(), u.path("username").asText(), u.path("access").asText(),
                    u.path("refresh").asText(), u.path("expires").asLong()));
        }
        return users;
    }

    private void save(List<BenchUser> users) throws IOException {
        ObjectNode root = RestClient.JSON.createObjectNode().put("gateway", rest.base().toString());
        ArrayNode arr = root.putArray("users");
        for (BenchUser u : users) {
            arr.addObject().put("id", u.id()).put("username", u.username()).put("access", u.accessToken())
                    .put("refresh", u.refreshToken()).put("expires", u.expiresAtMillis());
        }
        Files.createDirectories(cacheFile.getParent());
        Files.writeString(cacheFile, root.toString());
    }
}
