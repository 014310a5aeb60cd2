package com.acme.im.runtime.storage;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 手写的 SigV4 与 AWS 文档的例子逐字节一致（S3 API Reference, "Authenticating Requests: Using Query Parameters"：
 * GET examplebucket/test.txt，2013-05-24，有效 86400 秒）。
 */
class SigV4Test {

    @Test
    void presignedUrlMatchesTheDocumentedAwsExample() {
        URI url = SigV4.presign("GET", URI.create("https://examplebucket.s3.amazonaws.com/test.txt"), Map.of(), Map.of(),
                new SigV4.Credentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""),
                "us-east-1", Instant.parse("2013-05-24T00:00:00Z"), Duration.ofSeconds(86400));
        assertEquals("https://examplebucket.s3.amazonaws.com/test.txt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", url.toString());
    }

    @Test
    void signedHeadersAreListedAndTheSessionTokenIsSigned() {
        URI url = SigV4.presign("PUT", URI.create("http://127.0.0.1:9000/im-files/conversations/g_1/abc"), Map.of(),
                Map.of("Content-Type", "image/png", "Content-Length", "42"),
                new SigV4.Credentials("AK", "SECRET", "TOKEN/+="), "us-east-1", Instant.parse("2026-01-01T00:00:00Z"),
                Duration.ofMinutes(5));
        String q = url.getRawQuery();
        assertTrue(q.contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost"), q);
        assertTrue(q.contains("X-Amz-Security-Token=TOKEN%2F%2B%3D"), q);
        assertTrue(q.contains("X-Amz-Expires=300"), q);
        assertEquals("127.0.0.1:9000", SigV4.hostHeader(url));
    }

    @Test
    void keysAreEncodedPerSegment() {
        assertEquals("conversations/s_1_2/a%20b~c", SigV4.encodePath("conversations/s_1_2/a b~c"));
        assertEquals("%E4%B8%AD%2F", SigV4.encode("中/"));
    }
}
