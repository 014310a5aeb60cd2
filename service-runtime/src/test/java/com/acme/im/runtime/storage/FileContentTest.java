package com.acme.im.runtime.storage;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FileContentTest {

    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void readsTheFileIdAndIgnoresWhatTheClientClaims() {
        assertEquals(ID, FileContent.fileIdOf("{\"size\":1,\"file_id\":\"" + ID + "\",\"extra\":{\"a\":[1,2]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "[]", "{}", "{\"file_id\":1}", "{\"file_id\":\"../../etc\"}",
            "{\"file_id\":\"0123456789ABCDEF0123456789ABCDEF\"}", "{\"file_id\":\"" + ID + "\"} trailing", "{\"file_id\":\"" + ID + "\""})
    void rejectsAnythingElseWith6005(String content) {
        ImException e = assertThrows(ImException.class, () -> FileContent.fileIdOf(content));
        assertEquals(ErrorCode.INVALID_FILE_REFERENCE, e.errorCode());
    }

    @Test
    void canonicalJsonRoundTrips() {
        String json = new FileContent(ID, "照片 \"1\".png", 123, "image/png", 640, 480).toJson();
        assertEquals("{\"file_id\":\"" + ID + "\",\"name\":\"照片 \\\"1\\\".png\",\"size\":123,\"mime_type\":\"image/png\",\"width\":640,\"height\":480}", json);
        assertEquals(ID, FileContent.fileIdOf(json));
    }
}
