package com.acme.im.runtime.storage;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * S3 兼容对象存储的最小客户端：给客户端的预签名 PUT/GET URL，以及服务端自己的 HEAD/GET/PUT（同样走预签名 URL，
 * 只有一条签名代码路径）。字节从不经过网关：客户端拿 URL 直接与存储交互。
 * 对象键按会话划分：{@code conversations/{conversation_id}/{file_id}}，缩略图在同一前缀下加 {@code -thumb}。
 */
@Singleton
public class ObjectStorage {

    private static final JsonFactory JSON = new JsonFactory();

    private final StorageConfiguration config;
    private final HttpClient http;
    private volatile CachedCredentials cached;

    public ObjectStorage(StorageConfiguration config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** 文件原件的对象键。 */
    public static String objectKey(String conversationId, String fileId) {
        return "conversations/" + conversationId + "/" + fileId;
    }

    /** 缩略图的对象键。 */
    public static String thumbnailKey(String conversationId, String fileId) {
        return objectKey(conversationId, fileId) + "-thumb";
    }

    /** 对象的元数据。 */
    public record ObjectInfo(long size, String contentType) {
    }

    /** 一个预签名 URL 与它的过期时刻。 */
    public record SignedUrl(URI url, Instant expiresAt) {
    }

    /**
     * 上传 URL：Content-Type 与 Content-Length 都在签名里，客户端必须原样发送；多传或少传一个字节、换一个类型，
     * 存储都会以签名不符拒绝，所以大小上限在存储端也生效，而不只是在申请时检查声明值。
     */
    public SignedUrl presignPut(String key, String contentType, long contentLength) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("content-length", Long.toString(contentLength));
        return sign("PUT", key, Map.of(), headers, config.getUploadUrlTtl());
    }

    /** 下载 URL（短时有效）。 */
    public SignedUrl presignGet(String key) {
        return sign("GET", key, Map.of(), Map.of(), config.getDownloadUrlTtl());
    }

    /** 对象的大小与类型；不存在时为空。存储不可用时抛出 6007。 */
    public Optional<ObjectInfo> head(String key) {
        HttpResponse<Void> r = send(HttpRequest.newBuilder(internal("HEAD", key))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(r.statusCode(), "HEAD", key);
        long size = r.headers().firstValueAsLong("content-length").orElse(-1);
        return Optional.of(new ObjectInfo(size, r.headers().firstValue("content-type").orElse("")));
    }

    /** 读对象的前 maxBytes 个字节（Range 请求）；不存在时为空。 */
    public Optional<byte[]> readPrefix(String key, long maxBytes) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(internal("GET", key))
                .header("Range", "bytes=0-" + (maxBytes - 1)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(r.statusCode(), "GET", key);
        byte[] body = r.body();
        return Optional.of(body.length > maxBytes ? java.util.Arrays.copyOf(body, (int) maxBytes) : body);
    }

    /** 读整个对象（调用方先用 HEAD 确认大小在上限内）；不存在时为空。 */
    public Optional<byte[]> read(String key) {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(internal("GET", key)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        expectOk(r.statusCode(), "GET", key);
        return Optional.of(r.body());
    }

    /** 写一个对象（覆盖）。 */
    public void write(String key, byte[] body, String contentType) {
        SignedUrl url = presignPut(key, contentType, body.length);
        HttpResponse<Void> r = send(HttpRequest.newBuilder(url.url())
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)), HttpResponse.BodyHandlers.discarding());
        expectOk(r.statusCode(), "PUT", key);
    }

    /** 服务端自己用的 URL：有效期只需覆盖这一次请求。 */
    private URI internal(String method, String key) {
        return sign(method, key, Map.of(), Map.of(), Duration.ofMinutes(1)).url();
    }

    private SignedUrl sign(String method, String key, Map<String, String> query, Map<String, String> headers, Duration ttl) {
        Instant now = Instant.now();
        URI url = objectUrl(key);
        return new SignedUrl(SigV4.presign(method, url, query, headers, credentials(), config.getRegion(), now, ttl),
                now.plus(ttl));
    }

    /** 对象的地址：path-style 为 {endpoint}/{bucket}/{key}，否则 {scheme}://{bucket}.{host}/{key}。 */
    URI objectUrl(String key) {
        URI endpoint = URI.create(config.getEndpoint());
        String path = "/" + SigV4.encodePath(key);
        if (config.isPathStyle()) {
            return URI.create(config.getEndpoint() + "/" + SigV4.encode(config.getBucket()) + path);
        }
        return URI.create(endpoint.getScheme() + "://" + config.getBucket() + "." + endpoint.getRawAuthority() + path);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.timeout(config.getRequestTimeout()).build(), body);
        } catch (IOException e) {
            throw new ImException(ErrorCode.STORAGE_UNAVAILABLE, "object storage unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImException(ErrorCode.STORAGE_UNAVAILABLE, "interrupted while calling object storage", e);
        }
    }

    private static void expectOk(int status, String method, String key) {
        if (status / 100 != 2) {
            throw new ImException(ErrorCode.STORAGE_UNAVAILABLE, "object storage answered " + status + " to " + method + " " + key);
        }
    }

    // ------------------------------------------------------------------ 凭据

    private record CachedCredentials(SigV4.Credentials credentials, Instant refreshAt) {
    }

    /** 凭据：配置的静态密钥 → 环境变量 AWS_*（Lambda 执行角色）→ ECS 任务角色的凭据端点（缓存到过期前 5 分钟）。 */
    SigV4.Credentials credentials() {
        if (!config.getAccessKey().isEmpty() && !config.getSecretKey().isEmpty()) {
            return new SigV4.Credentials(config.getAccessKey(), config.getSecretKey(), config.getSessionToken());
        }
        String envKey = System.getenv("AWS_ACCESS_KEY_ID");
        String envSecret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (envKey != null && !envKey.isEmpty() && envSecret != null && !envSecret.isEmpty()) {
            String token = System.getenv("AWS_SESSION_TOKEN");
            return new SigV4.Credentials(envKey, envSecret, token == null ? "" : token);
        }
        CachedCredentials c = cached;
        if (c == null || Instant.now().isAfter(c.refreshAt())) {
            synchronized (this) {
                c = cached;
                if (c == null || Instant.now().isAfter(c.refreshAt())) {
                    c = fetchContainerCredentials();
                    cached = c;
                }
            }
        }
        return c.credentials();
    }

    private CachedCredentials fetchContainerCredentials() {
        String relative = System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        String full = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if ((relative == null || relative.isEmpty()) && (full == null || full.isEmpty())) {
            throw new ImException(ErrorCode.STORAGE_UNAVAILABLE,
                    "no object storage credentials: set im.storage.access-key/secret-key (IM_S3_ACCESS_KEY/IM_S3_SECRET_KEY) or run with an IAM role");
        }
        URI uri = URI.create(relative != null && !relative.isEmpty() ? "http://169.254.170.2" + relative : full);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        String auth = System.getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        if (auth != null && !auth.isEmpty()) {
            request.header("Authorization", auth);
        }
        HttpResponse<InputStream> r = send(request, HttpResponse.BodyHandlers.ofInputStream());
        Map<String, String> fields = new LinkedHashMap<>();
        try (InputStream in = r.body(); JsonParser p = JSON.createParser(in)) {
            expectOk(r.statusCode(), "GET", "container credentials");
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value.isScalarValue()) {
                        fields.put(name, p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException e) {
            throw new ImException(ErrorCode.STORAGE_UNAVAILABLE, "container credentials unreadable", e);
        }
        Instant expiration = Instant.now().plus(Duration.ofMinutes(15));
        if (fields.containsKey("Expiration")) {
            expiration = Instant.parse(fields.get("Expiration"));
        }
        return new CachedCredentials(new SigV4.Credentials(fields.getOrDefault("AccessKeyId", ""),
                fields.getOrDefault("SecretAccessKey", ""), fields.getOrDefault("Token", "")),
                expiration.minus(Duration.ofMinutes(5)));
    }
}
