package com.webriskops.webhooks.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {
    private static final WebhookSecret SECRET = WebhookSecret.of("test-secret");
    private static final byte[] BODY = "{\"k\":\"v\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsWithEverySecretDuringARotation() {
        WebhookSecret next = WebhookSecret.of("next-secret");

        String header = WebhookSignatures.sign(List.of(SECRET, next), "1766203400", "n-0100", BODY);

        assertThat(header.split(",")).hasSize(2);
        assertThat(WebhookSignatures.verify(List.of(next), header, "1766203400", "n-0100", BODY))
                .isTrue();
        assertThat(WebhookSignatures.verify(List.of(SECRET), header, "1766203400", "n-0100", BODY))
                .isTrue();
    }

    @Test
    void skipsMalformedValuesButStillNeedsOneMatch() {
        String good = WebhookSignatures.sign(SECRET, "1766203400", "n-0100", BODY);

        assertThat(WebhookSignatures.verify(List.of(SECRET), "sha512=abc, " + good, "1766203400", "n-0100", BODY))
                .isTrue();
        assertThat(WebhookSignatures.verify(List.of(SECRET), "sha512=abc,garbage", "1766203400", "n-0100", BODY))
                .isFalse();
    }

    @Test
    void rejectsHeadersWithTooManyValuesOrTooLong() {
        String good = WebhookSignatures.sign(SECRET, "1766203400", "n-0100", BODY);
        String nine = (good + ",").repeat(8) + good;

        assertThat(WebhookSignatures.verify(List.of(SECRET), nine, "1766203400", "n-0100", BODY))
                .isFalse();
        assertThat(WebhookSignatures.verify(List.of(SECRET), good + " ".repeat(1100), "1766203400", "n-0100", BODY))
                .isFalse();
    }

    @Test
    void absentOrMalformedInputsNeverVerify() {
        String good = WebhookSignatures.sign(SECRET, "1766203400", "n-0100", BODY);

        assertThat(WebhookSignatures.verify(List.of(SECRET), null, "1766203400", "n-0100", BODY))
                .isFalse();
        assertThat(WebhookSignatures.verify(List.of(SECRET), good, null, "n-0100", BODY))
                .isFalse();
        assertThat(WebhookSignatures.verify(List.of(SECRET), good, "1766203400", "n.0100", BODY))
                .isFalse();
        assertThat(WebhookSignatures.verify(List.of(), good, "1766203400", "n-0100", BODY))
                .isFalse();
    }

    @Test
    void refusesToSignMalformedInputs() {
        assertThatThrownBy(() -> WebhookSignatures.sign(SECRET, "-1", "n", BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp");
        assertThatThrownBy(() -> WebhookSignatures.sign(SECRET, "1", "a.b", BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nonce");
        assertThatThrownBy(() -> WebhookSignatures.sign(List.of(), "1", "n", BODY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
