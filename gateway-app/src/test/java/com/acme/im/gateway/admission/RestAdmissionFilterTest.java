package com.acme.im.gateway.admission;

import com.acme.im.runtime.error.ErrorBody;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 在途上限为 1 的网关：第二个并发请求立即得到 503/1008 与 Retry-After（不排队），名额在响应后归还。
 */
@MicronautTest
@Property(name = "spec.name", value = "RestAdmissionFilterTest")
@Property(name = "im.gateway.rest.max-in-flight", value = "1")
@Property(name = "im.gateway.rest.retry-after-seconds", value = "2")
class RestAdmissionFilterTest {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    RestAdmissionFilter filter;
    @Inject
    SlowController slow;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(server.getURI() + path)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesBeyondTheLimitAtOnceAndReturnsThePermit() throws Exception {
        CompletableFuture<HttpResponse<String>> first = get("/api/test/slow");
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.entered.getCount() == 0);
        assertEquals(1, filter.inFlight());

        long t0 = System.nanoTime();
        HttpResponse<String> refused = get("/api/test/slow").get(10, TimeUnit.SECONDS);
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals(1008, json.readValue(refused.body(), ErrorBody.class).code());
        assertEquals("2", refused.headers().firstValue("Retry-After").orElse(null));
        // 被拒的请求不在队列里等待
        assertEquals(true, System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));

        slow.release.countDown();
        assertEquals(200, first.get(10, TimeUnit.SECONDS).statusCode());
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.inFlight() == 0);
        HttpResponse<String> after = get("/api/test/slow").get(10, TimeUnit.SECONDS);
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(0, filter.inFlight());
    }

    @Test
    void errorResponsesAlsoReturnThePermit() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(401, get("/api/v1/conversations").get(10, TimeUnit.SECONDS).statusCode());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> filter.inFlight() == 0);
    }

    /** 测试用的慢接口：第一次调用等到测试放行。 */
    @Requires(property = "spec.name", value = "RestAdmissionFilterTest")
    @Controller("/api/test")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    static class SlowController {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Get("/slow")
        String slow() throws InterruptedException {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return "done";
        }
    }
}
