package com.webriskops.webhooks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertThat(LogSafe.text("/webhooks/a\r\n2026-01-01 INFO forged\u2028x\u0000y\tz"))
                .isEqualTo("/webhooks/a\\r\\n2026-01-01 INFO forged\\u2028x\\u0000y\\tz");
    }

    @Test
    void plainTextIsUnchangedAndNullIsNamed() {
        assertThat(LogSafe.text("/webhooks/receive")).isEqualTo("/webhooks/receive");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void longTextIsCut() {
        assertThat(LogSafe.text("a".repeat(1000))).isEqualTo("a".repeat(LogSafe.MAX_LENGTH) + "…");
    }
}
