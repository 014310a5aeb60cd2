package com.acme.im.gateway.error;

import com.acme.im.gateway.auth.JwtSecretGuard;
import com.acme.im.runtime.error.ErrorBody;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * 客户端的各种错误输入都得到 ErrorBody 与正确的状态/错误码，绝不是 500。
 * 真实 HTTP 服务器 + 真实 Kafka；logic 不在线，所以通过验签的令牌会得到 1007（证明吊销检查确实会调用 logic）。
 */
@MicronautTest
class HttpErrorHandlingTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.getURI().resolve(path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ErrorBody assertError(HttpResponse<String> response, int status, int code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        ErrorBody body = json.readValue(response.body(), ErrorBody.class);
        assertEquals(code, body.code(), response.body());
        assertFalse(body.traceId() == null || body.traceId().isBlank(), "error body carries a trace id");
        assertEquals(body.traceId(), response.headers().firstValue("x-trace-id").orElse(null));
        return body;
    }

    private static String token(String secret, Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().subject("42").issuer("acme-im").claim("username", "alice").claim("sid", "s1")
                        .jwtID("j1").issueTime(new Date()).expirationTime(Date.from(expires)).build());
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void malformedJson() throws Exception {
        assertError(send("POST", "/api/v1/auth/login", "{\"username\":"), 400, 1001);
    }

    @Test
    void wrongTypes() throws Exception {
        assertError(send("POST", "/api/v1/auth/login", "{\"username\":{\"a\":1},\"password\":\"x\"}"), 400, 1001);
        assertError(send("POST", "/api/v1/auth/login", "[1,2]"), 400, 1001);
    }

    @Test
    void missingBodyOrFields() throws Exception {
        ErrorBody body = assertError(send("POST", "/api/v1/auth/register", "{\"username\":\"bob\"}"), 400, 1001);
        assertEquals("password: must not be blank", body.message());
        assertError(send("POST", "/api/v1/auth/refresh", null), 400, 1001);
    }

    @Test
    void unsupportedContentType() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/auth/login"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hi")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(r, 400, 1001);
    }

    @Test
    void oversizedBody() throws Exception {
        String big = "{\"username\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}";
        assertError(send("POST", "/api/v1/auth/login", big), 413, 1006);
    }

    @Test
    void missingForgedAndExpiredTokens() throws Exception {
        assertError(send("GET", "/api/v1/conversations", null), 401, 1002);
        assertError(send("GET", "/api/v1/conversations", null, "Authorization", "Bearer not.a.jwt"), 401, 1002);
        String forged = token("another-secret-that-is-long-enough-0123456789", Instant.now().plusSeconds(600));
        assertError(send("GET", "/api/v1/conversations", null, "Authorization", "Bearer " + forged), 401, 1002);
        String expired = token(JwtSecretGuard.DEV_SECRET, Instant.now().minusSeconds(600));
        assertError(send("GET", "/api/v1/conversations", null, "Authorization", "Bearer " + expired), 401, 1002);
    }

    @Test
    void validSignatureStillNeedsLogicToConfirmTheTokenIsNotRevoked() throws Exception {
        String valid = token(JwtSecretGuard.DEV_SECRET, Instant.now().plusSeconds(600));
        assertError(send("GET", "/api/v1/conversations", null, "Authorization", "Bearer " + valid), 503, 1007);
    }

    @Test
    void unknownRouteAndWrongMethod() throws Exception {
        assertError(send("GET", "/api/v1/nothing-here", null), 404, 1004);
        assertError(send("PUT", "/api/v1/auth/login", "{}"), 404, 1004);
    }

    @Test
    void saneTraceIdIsEchoedAndInsaneOneReplaced() throws Exception {
        ErrorBody echoed = assertError(send("GET", "/api/v1/nothing-here", null, "x-trace-id", "trace-abc-123456"), 404, 1004);
        assertEquals("trace-abc-123456", echoed.traceId());
        ErrorBody replaced = assertError(send("GET", "/api/v1/nothing-here", null, "x-trace-id", "bad trace\"id"), 404, 1004);
        assertEquals(32, replaced.traceId().length());
    }

    @Test
    void webSocketUpgradeWithoutValidTokenIsRefused() {
        URI ws = URI.create("ws://127.0.0.1:" + server.getPort() + "/ws");
        for (URI uri : new URI[]{ws, URI.create(ws + "?token=forged")}) {
            CompletionException e = assertThrows(CompletionException.class, () -> http.newWebSocketBuilder()
                    .buildAsync(uri, new WebSocket.Listener() { }).orTimeout(10, TimeUnit.SECONDS).join());
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
            assertEquals(401, handshake.getResponse().statusCode());
        }
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() throws Exception {
        // 它们在只监听回环的管理端口上（见 ManagementPortIT）
        assertError(send("GET", "/health", null), 404, 1004);
        assertError(send("GET", "/prometheus", null), 404, 1004);
    }
}
