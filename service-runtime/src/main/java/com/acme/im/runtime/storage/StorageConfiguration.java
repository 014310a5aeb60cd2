package com.acme.im.runtime.storage;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * 对象存储配置（前缀 {@code im.storage}），logic-app 与 audit-function 使用；application.yml 里每项都可用环境变量覆盖。
 *
 * <p>默认值（与 scripts/infra.sh 启动的 S3Proxy 一致）：
 * <ul>
 *   <li>{@code endpoint}：http://127.0.0.1:9000；AWS 上为 https://s3.{region}.amazonaws.com。预签名 URL 也用这个地址，
 *       所以它必须是客户端能访问到的地址</li>
 *   <li>{@code region}：us-east-1（SigV4 的签名范围）</li>
 *   <li>{@code bucket}：im-files</li>
 *   <li>{@code path-style}：true，URL 为 {endpoint}/{bucket}/{key}；false 时为虚拟主机式 {bucket}.{host}/{key}</li>
 *   <li>{@code access-key} / {@code secret-key} / {@code session-token}：为空时依次取环境变量 AWS_ACCESS_KEY_ID /
 *       AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN（Lambda 的执行角色），再取 ECS 任务角色的凭据端点</li>
 *   <li>{@code upload-url-ttl}：5 分钟，上传 URL 的有效期</li>
 *   <li>{@code download-url-ttl}：5 分钟，下载 URL 的有效期（短：URL 流出去也很快失效）</li>
 *   <li>{@code request-timeout}：10 秒，服务端自己对存储的一次请求的超时</li>
 * </ul>
 */
@ConfigurationProperties(StorageConfiguration.PREFIX)
public class StorageConfiguration {

    public static final String PREFIX = "im.storage";

    private String endpoint = "http://127.0.0.1:9000";
    private String region = "us-east-1";
    private String bucket = "im-files";
    private boolean pathStyle = true;
    private String accessKey = "";
    private String secretKey = "";
    private String sessionToken = "";
    private Duration uploadUrlTtl = Duration.ofMinutes(5);
    private Duration downloadUrlTtl = Duration.ofMinutes(5);
    private Duration requestTimeout = Duration.ofSeconds(10);

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        // 去掉结尾的斜杠，拼接路径时不会出现 //
        this.endpoint = endpoint == null ? "" : endpoint.replaceAll("/+$", "");
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey == null ? "" : accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey == null ? "" : secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken == null ? "" : sessionToken;
    }

    public Duration getUploadUrlTtl() {
        return uploadUrlTtl;
    }

    public void setUploadUrlTtl(Duration uploadUrlTtl) {
        this.uploadUrlTtl = uploadUrlTtl;
    }

    public Duration getDownloadUrlTtl() {
        return downloadUrlTtl;
    }

    public void setDownloadUrlTtl(Duration downloadUrlTtl) {
        this.downloadUrlTtl = downloadUrlTtl;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
