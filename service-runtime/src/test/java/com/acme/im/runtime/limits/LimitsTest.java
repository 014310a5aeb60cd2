package com.acme.im.runtime.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LimitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"apns", "fcm"})
    void supportedPushPlatforms(String platform) {
        assertTrue(Limits.isPushPlatform(platform));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "APNS", "wns", "apns|fcm", "apnsfcm"})
    void unsupportedPushPlatforms(String platform) {
        assertFalse(Limits.isPushPlatform(platform));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\tbed", "中文", "del\u007f"})
    void deviceIdsAndTokensArePrintableAscii(String value) {
        assertFalse(Limits.isDeviceId(value));
        assertFalse(Limits.isPushToken(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a?b", "a#b", "a%2Fb", "a\\b", "x;y"})
    void deviceIdsFitIntoAPathSegment(String value) {
        assertFalse(Limits.isDeviceId(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web-3f9c", "9D2A4A6E-0C5E-4F0B-A3B1-8F3C2B1E7D6A", "android:abc.def_1", "u@host+1=2~x"})
    void usualDeviceIds(String value) {
        assertTrue(Limits.isDeviceId(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://cdn.example.com/a.png", "http://10.0.0.1:8080/x?y=1", "HTTPS://EXAMPLE.COM/"})
    void httpAvatarUrls(String url) {
        assertTrue(Limits.isAvatarUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "javascript:alert(1)", "ftp://example.com/a", "//example.com/a", "https://", "not a url",
            "data:image/png;base64,AAAA", "/relative/path.png"})
    void otherAvatarUrlsAreRejected(String url) {
        assertFalse(Limits.isAvatarUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "bell\u0007", "new\nline"})
    void badNicknames(String nickname) {
        assertFalse(Limits.isNickname(nickname));
    }

    @Test
    void lengthLimits() {
        assertTrue(Limits.isPushToken("t".repeat(Limits.MAX_PUSH_TOKEN)));
        assertFalse(Limits.isPushToken("t".repeat(Limits.MAX_PUSH_TOKEN + 1)));
        assertTrue(Limits.isDeviceId("d".repeat(Limits.MAX_DEVICE_ID)));
        assertFalse(Limits.isDeviceId("d".repeat(Limits.MAX_DEVICE_ID + 1)));
        assertTrue(Limits.isNickname("😀".repeat(Limits.MAX_NICKNAME_CODE_POINTS)), "counted in code points");
        assertFalse(Limits.isNickname("n".repeat(Limits.MAX_NICKNAME_CODE_POINTS + 1)));
        assertFalse(Limits.isAvatarUrl("https://a.example/" + "p".repeat(Limits.MAX_AVATAR_URL)));
    }
}
