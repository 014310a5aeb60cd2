package com.acme.im.logic.auth;

import com.acme.im.runtime.error.ErrorCode;
import com.acme.im.runtime.error.ImException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CredentialValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "alice_01", "a.b-c", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void acceptsValidUsernames(String username) {
        assertDoesNotThrow(() -> CredentialValidator.checkUsername(username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ab", "has space", "中文名字", "a/b", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "x@y"})
    void rejectsInvalidUsernamesWith1001(String username) {
        ImException e = assertThrows(ImException.class, () -> CredentialValidator.checkUsername(username));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7, 129})
    void rejectsPasswordsOutside8To128(int length) {
        ImException e = assertThrows(ImException.class, () -> CredentialValidator.checkPassword("p".repeat(length)));
        assertEquals(ErrorCode.INVALID_PARAMETER, e.errorCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 128})
    void acceptsPasswordsAtTheBounds(int length) {
        assertDoesNotThrow(() -> CredentialValidator.checkPassword("p".repeat(length)));
    }
}
