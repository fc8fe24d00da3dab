package com.webriskops.webhooks.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookProtocolTest {
    @ParameterizedTest
    @ValueSource(strings = {"0", "1766203200", "999999999999", "000001766203200"})
    void acceptsDigitTimestampsUpToTwelveDigits(String value) {
        assertThat(WebhookProtocol.isValidTimestamp(value)).isEqualTo(value.length() <= 12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1.5", "1e9", " 1", "1 ", "١٢٣", "0x10"})
    void rejectsAnythingButDigitsInTimestamps(String value) {
        assertThat(WebhookProtocol.isValidTimestamp(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "nonce_example_123", "n-0001", "AbZ09+/=_-"})
    void acceptsNoncesOfTheAllowedAlphabet(String value) {
        assertThat(WebhookProtocol.isValidNonce(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has.dot", "has space", "ümlaut", "tab\t", "semi;colon"})
    void rejectsOtherNonces(String value) {
        assertThat(WebhookProtocol.isValidNonce(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 129})
    void boundsNonceLength(int length) {
        assertThat(WebhookProtocol.isValidNonce("n".repeat(length))).isEqualTo(length <= 128);
    }

    @ParameterizedTest
    @ValueSource(strings = {"generic-webhook-fingerprint-123", "a", "with space and ~!@#"})
    void acceptsPrintableAsciiIdempotencyKeys(String value) {
        assertThat(WebhookProtocol.isValidIdempotencyKey(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "new\nline", "tab\tkey", "é", "\u007f"})
    void rejectsOtherIdempotencyKeys(String value) {
        assertThat(WebhookProtocol.isValidIdempotencyKey(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void boundsIdempotencyKeyLength(int length) {
        assertThat(WebhookProtocol.isValidIdempotencyKey("k".repeat(length))).isEqualTo(length <= 255);
    }
}
