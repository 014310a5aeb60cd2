package com.acme.im.gateway.auth;

import com.acme.im.testsupport.TestPorts;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import com.acme.im.testsupport.BackendProcesses;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 网关会话缓存与吊销广播，端到端：repo-app 与 logic-app 以各自的 jar 作为子进程启动（真实 MariaDB、Redis、Kafka），
 * 两个网关在本进程内启动（缓存 TTL 为默认的 60 秒），只经 REST 访问。
 * 证明：网关 B 已把会话缓存为有效（之后的请求不再问 logic）时，在网关 A 登出后 1 秒内 B 就拒绝该令牌——
 * 靠的是吊销广播，而不是缓存过期。
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRevocationIT {


    private BackendProcesses backend;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApplicationContext gatewayA;
    private ApplicationContext gatewayB;
    private int portA;
    private int portB;
    private JsonMapper json;

    @BeforeAll
    void startSystem() throws Exception {
        // 独立消费组：不与同机运行的其他 logic 分摊上行分区
        backend = BackendProcesses.start("revocation-it", 3, "gateway-revocation-it");
        gatewayA = gateway("it-rev-a");
        gatewayB = gateway("it-rev-b");
        portA = gatewayA.getBean(EmbeddedServer.class).getPort();
        portB = gatewayB.getBean(EmbeddedServer.class).getPort();
        json = gatewayA.getBean(JsonMapper.class);
    }

    private ApplicationContext gateway(String id) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.port", TestPorts.free());
        props.put("im.gateway.id", id);
        props.put("im.discovery.enabled", false);
        props.put("grpc.channels.logic-app.address", backend.logicAddress());
        props.put("grpc.channels.repo-app.address", backend.repoAddress());
        props.put("im.gateway.upstream-topic", backend.upstreamTopic());
        ApplicationContext ctx = ApplicationContext.run(props);
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    @AfterAll
    void stopSystem() {
        for (ApplicationContext ctx : new ApplicationContext[]{gatewayA, gatewayB}) {
            if (ctx != null) {
                ctx.close();
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    private HttpResponse<String> send(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** 一个需要登录、会走到 logic 与 repo 的普通 REST 请求，返回状态码。 */
    private int conversations(int port, String token) throws Exception {
        return send(port, "GET", "/api/v1/conversations", token, null).statusCode();
    }

    /** 注册新用户，返回其访问令牌。 */
    @SuppressWarnings("unchecked")
    private String register(String prefix) throws Exception {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = send(portA, "POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"password\":\"correct-horse-1\"}");
        assertEquals(201, r.statusCode(), r.body());
        return (String) json.readValue(r.body(), Map.class).get("access_token");
    }

    private static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private static SessionValidityCache.State cached(ApplicationContext gateway, String token) throws Exception {
        JWTClaimsSet c = claims(token);
        return gateway.getBean(SessionValidityCache.class).lookup(Long.parseLong(c.getSubject()), c.getStringClaim("sid"));
    }

    private static double checks(ApplicationContext gateway, String source, String result) {
        return gateway.getBean(MeterRegistry.class)
                .counter("im.gateway.auth.session_checks", "source", source, "result", result).count();
    }

    @Test
    void logoutOnGatewayAIsRefusedWithinOneSecondOnGatewayBThatHadCachedTheSession() throws Exception {
        String token = register("leaver");
        // B 第一次见到这个会话：问 logic，结论缓存为有效
        assertEquals(200, conversations(portB, token));
        assertEquals(SessionValidityCache.State.VALID, cached(gatewayB, token));
        double logicCalls = checks(gatewayB, "logic", "valid");
        double cacheHits = checks(gatewayB, "cache", "valid");
        assertEquals(200, conversations(portB, token));
        assertEquals(logicCalls, checks(gatewayB, "logic", "valid"), "the second request did not ask logic");
        assertEquals(cacheHits + 1, checks(gatewayB, "cache", "valid"), "it was answered from B's cache");

        HttpResponse<String> logout = send(portA, "DELETE", "/api/v1/auth/logout", token, null);
        assertEquals(204, logout.statusCode(), logout.body());
        // 登出的网关自己立即拒绝
        assertEquals(401, conversations(portA, token));
        // B 的缓存条目还有将近 60 秒寿命，1 秒内拒绝只能来自吊销广播
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> conversations(portB, token) == 401);
        assertEquals(SessionValidityCache.State.REVOKED, cached(gatewayB, token));
    }

    @Test
    void correctlySignedTokenOfANeverIssuedSessionIsRefusedAndTheRefusalIsCached() throws Exception {
        JWTClaimsSet real = claims(register("forger"));
        // 用网关与 logic 共用的密钥签名：签名、签发者、过期都合格，只有 sid 从未签发
        String secret = gatewayA.getRequiredProperty("im.auth.jwt-secret", String.class);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject(real.getSubject()).issuer("acme-im")
                        .claim("username", real.getStringClaim("username")).claim("sid", UUID.randomUUID().toString())
                        .jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        String forged = jwt.serialize();

        assertEquals(401, conversations(portA, forged));
        assertEquals(SessionValidityCache.State.REVOKED, cached(gatewayA, forged));
        double logicRejections = checks(gatewayA, "logic", "rejected");
        assertEquals(401, conversations(portA, forged));
        assertEquals(logicRejections, checks(gatewayA, "logic", "rejected"), "the refusal came from the cache");
    }
}
