package com.acme.im.runtime.storage;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import com.acme.im.testsupport.ObjectStorageSettings;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 对 scripts/infra.sh 启动的真实 S3 兼容服务端（S3Proxy，:9000）：客户端用普通 HTTP 按预签名 URL 直传，
 * 签名里的大小与类型在存储端生效，匿名访问被拒，错误的密钥得到 6007 而不是静默成功。
 */
class ObjectStorageIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StorageConfiguration config(String secret) {
        StorageConfiguration c = new StorageConfiguration();
        c.setEndpoint(ObjectStorageSettings.ENDPOINT);
        c.setBucket(ObjectStorageSettings.BUCKET);
        c.setAccessKey(ObjectStorageSettings.ACCESS_KEY);
        c.setSecretKey(secret);
        return c;
    }

    private final ObjectStorage storage = new ObjectStorage(config(ObjectStorageSettings.secretKey()));

    private static String key() {
        return ObjectStorage.objectKey("s_1_2", UUID.randomUUID().toString().replace("-", ""));
    }

    private static HttpResponse<String> put(URI url, String contentType, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void presignedPutThenHeadThenPresignedGet() throws Exception {
        String key = key();
        byte[] body = "hello, 对象存储".getBytes(StandardCharsets.UTF_8);
        ObjectStorage.SignedUrl upload = storage.presignPut(key, "text/plain", body.length);
        assertTrue(upload.url().toString().startsWith(ObjectStorageSettings.ENDPOINT + "/" + ObjectStorageSettings.BUCKET + "/conversations/s_1_2/"));
        assertEquals(200, put(upload.url(), "text/plain", body).statusCode());

        ObjectStorage.ObjectInfo info = storage.head(key).orElseThrow();
        assertEquals(body.length, info.size());
        assertEquals("text/plain", info.contentType());

        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(storage.presignGet(key).url()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(body, download.body());
        assertArrayEquals(new byte[]{'h', 'e'}, storage.readPrefix(key, 2).orElseThrow());
    }

    @Test
    void moreBytesThanSignedAreRefusedByTheStorage() throws Exception {
        String key = key();
        URI url = storage.presignPut(key, "application/pdf", 10).url();
        HttpResponse<String> r = put(url, "application/pdf", new byte[11]);
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(storage.head(key).isPresent(), "nothing may be stored");
    }

    @Test
    void anotherContentTypeThanSignedIsRefusedByTheStorage() throws Exception {
        String key = key();
        URI url = storage.presignPut(key, "image/png", 4).url();
        HttpResponse<String> r = put(url, "text/html", new byte[4]);
        assertEquals(403, r.statusCode(), r.body());
        assertFalse(storage.head(key).isPresent());
    }

    @Test
    void objectsAreNotReachableWithoutASignature() throws Exception {
        String key = key();
        storage.write(key, new byte[]{1, 2, 3}, "application/octet-stream");
        URI plain = URI.create(ObjectStorageSettings.ENDPOINT + "/" + ObjectStorageSettings.BUCKET + "/" + key);
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(plain).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        URI list = URI.create(ObjectStorageSettings.ENDPOINT + "/" + ObjectStorageSettings.BUCKET);
        assertEquals(403, HTTP.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(3, storage.head(key).orElseThrow().size());
    }

    @Test
    void aMissingObjectIsEmptyAndAWrongSecretIsStorageUnavailable() {
        assertFalse(storage.head(key()).isPresent());
        assertFalse(storage.read(key()).isPresent());
        ObjectStorage wrong = new ObjectStorage(config("not-the-secret"));
        ImException e = assertThrows(ImException.class, () -> wrong.head(key()));
        assertEquals(ErrorCode.STORAGE_UNAVAILABLE, e.errorCode());
    }
}
