package com.acme.im.gateway;

import com.acme.im.testsupport.TestPorts;
import com.acme.im.gateway.auth.JwtSecretGuard;
import com.acme.im.proto.logic.v1.AuthServiceGrpc;
import com.acme.im.proto.logic.v1.PresenceServiceGrpc;
import com.acme.im.proto.logic.v1.ReportConnectionRequest;
import com.acme.im.proto.logic.v1.ReportConnectionResponse;
import com.acme.im.proto.logic.v1.ValidateTokenRequest;
import com.acme.im.proto.logic.v1.ValidateTokenResponse;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * 进程内的假 logic-app（真实 gRPC 服务端）：令牌校验只看签名里的声明并认可所有会话，连接上下线报告只计数。
 * 让网关的连接、停机类测试不必启动 repo/logic 与数据库，又不绕过网关自己的认证链路。
 */
final class FakeLogic implements AutoCloseable {

    final AtomicInteger validations = new AtomicInteger();
    final AtomicInteger connected = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    private final Server server;

    FakeLogic() throws IOException {
        server = ServerBuilder.forPort(0)
                .addService(new AuthServiceGrpc.AuthServiceImplBase() {
                    @Override
                    public void validateToken(ValidateTokenRequest request, StreamObserver<ValidateTokenResponse> out) {
                        validations.incrementAndGet();
                        try {
                            JWTClaimsSet c = SignedJWT.parse(request.getAccessToken()).getJWTClaimsSet();
                            out.onNext(ValidateTokenResponse.newBuilder().setUserId(Long.parseLong(c.getSubject()))
                                    .setUsername(String.valueOf(c.getClaim("username")))
                                    .setSessionId(String.valueOf(c.getClaim("sid")))
                                    .setExpiresAt(c.getExpirationTime().getTime()).build());
                            out.onCompleted();
                        } catch (ParseException e) {
                            out.onError(Status.UNAUTHENTICATED.asRuntimeException());
                        }
                    }
                })
                .addService(new PresenceServiceGrpc.PresenceServiceImplBase() {
                    @Override
                    public void reportConnected(ReportConnectionRequest request, StreamObserver<ReportConnectionResponse> out) {
                        connected.incrementAndGet();
                        out.onNext(ReportConnectionResponse.newBuilder().setOnline(true).build());
                        out.onCompleted();
                    }

                    @Override
                    public void reportDisconnected(ReportConnectionRequest request, StreamObserver<ReportConnectionResponse> out) {
                        disconnected.incrementAndGet();
                        out.onNext(ReportConnectionResponse.newBuilder().setOnline(false).build());
                        out.onCompleted();
                    }
                })
                .build()
                .start();
    }

    /** 指向本假 logic 的网关（test 环境：随机公网端口、随机管理端口、不注册 etcd）；extra 覆盖默认配置。 */
    ApplicationContext startGateway(String id, Map<String, Object> extra) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.port", TestPorts.free());
        props.put("im.gateway.id", id);
        props.put("im.discovery.enabled", false);
        props.put("grpc.channels.logic-app.address", "127.0.0.1:" + server.getPort());
        props.putAll(extra);
        ApplicationContext ctx = ApplicationContext.run(props);
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    /** 用开发密钥签发的访问令牌（会话 ID 每次不同）。 */
    static String token(long userId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    new JWTClaimsSet.Builder().subject(Long.toString(userId)).issuer("acme-im").claim("username", "u" + userId)
                            .claim("sid", UUID.randomUUID().toString()).jwtID(UUID.randomUUID().toString())
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
            jwt.sign(new MACSigner(JwtSecretGuard.DEV_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
