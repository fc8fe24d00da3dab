package com.webriskops.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSecretTest {
    @Test
    void toStringNeverRevealsTheSecret() {
        WebhookSecret secret = WebhookSecret.of("whsec_super_secret_value");

        assertThat(secret.toString()).doesNotContain("whsec").doesNotContain("secret_value");
        assertThat(String.valueOf(java.util.List.of(secret))).doesNotContain("super");
    }

    @Test
    void equalityIsIdentitySoSecretsCannotBeProbed() {
        assertThat(WebhookSecret.of("same")).isNotEqualTo(WebhookSecret.of("same"));
    }

    @Test
    void findsItselfInsidePayloads() {
        WebhookSecret secret = WebhookSecret.of("s3cr3t-value");

        assertThat(secret.occursIn("{\"note\":\"key is s3cr3t-value\"}".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(secret.occursIn("{\"note\":\"s3cr3t-valu\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(secret.occursIn(new byte[0])).isFalse();
    }

    @Test
    void rejectsBlankSecrets() {
        assertThatThrownBy(() -> WebhookSecret.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.ofBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void onlyAKeyShorterThanSixteenBytesAndNotATestKeyIsTooShortForReceiving() {
        assertThat(WebhookSecret.of("fifteen-bytes!!").isTooShortForReceiving()).isTrue();
        assertThat(WebhookSecret.ofBytes(new byte[15]).isTooShortForReceiving()).isTrue();
        assertThat(WebhookSecret.of("sixteen-bytes!!!").isTooShortForReceiving())
                .isFalse();
        assertThat(WebhookSecret.ofBytes(new byte[16]).isTooShortForReceiving()).isFalse();
        // Bytes, not characters: eight two-byte characters are sixteen bytes.
        assertThat(WebhookSecret.of("\u00e9".repeat(8)).isTooShortForReceiving())
                .isFalse();
        assertThat(WebhookSecret.forTesting("s").isTooShortForReceiving()).isFalse();
        assertThat(WebhookSecret.forTesting("s").toString())
                .doesNotContain("s]")
                .isEqualTo("WebhookSecret[redacted]");
    }

    @Test
    void aSecretIsUsedByteForByte() {
        byte[] body = "body".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSecret.of("whsec_long_enough_secret ").hmacSha256(body))
                .isNotEqualTo(WebhookSecret.of("whsec_long_enough_secret").hmacSha256(body));
    }
}
