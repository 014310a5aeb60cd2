package com.acme.im.push;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * 第三方推送服务的 HTTP 客户端（JDK HttpClient）：POST JSON，带超时；非 2xx、超时、连接失败都抛异常。
 * 密钥只放在请求头，异常信息与日志里不出现。
 */
@Singleton
public class PushProviderClient {

    private final PushConfiguration config;
    private final JsonMapper jsonMapper;
    private final HttpClient http;

    public PushProviderClient(PushConfiguration config, JsonMapper jsonMapper) {
        this.config = config;
        this.jsonMapper = jsonMapper;
        this.http = HttpClient.newBuilder().connectTimeout(config.getTimeout()).build();
    }

    /** 发送一条通知。 */
    public void send(PushNotification notification) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(config.getProviderUrl()))
                    .timeout(config.getTimeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(jsonMapper.writeValueAsBytes(notification)));
        } catch (IOException e) {
            throw new PushProviderException("cannot encode push notification", e);
        }
        if (config.getApiKey() != null && !config.getApiKey().isBlank()) {
            request.header("Authorization", "Bearer " + config.getApiKey());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PushProviderException("push provider unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushProviderException("interrupted while pushing", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body();
            throw new PushProviderException("push provider answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
    }
}
