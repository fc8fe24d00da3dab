package com.webriskops.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.idempotency.SharedSecretCheck.SharedSecret;
import com.webriskops.webhooks.receiver.HttpAnswer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedSecretCheckTest {
    private final SharedSecretCheck check = SharedSecretCheck.of(SharedSecret.of("s3cret-value"));

    @Test
    void matchesOnlyTheExactSecret() {
        assertThat(check.matches("s3cret-value")).isTrue();
        assertThat(check.matches("s3cret-valu")).isFalse();
        assertThat(check.matches("s3cret-value ")).isFalse();
        assertThat(check.matches("S3CRET-VALUE")).isFalse();
        assertThat(check.matches("")).isFalse();
        assertThat(check.matches(null)).isFalse();
        assertThat(check.matches("x".repeat(SharedSecretCheck.MAX_HEADER_LENGTH + 1)))
                .isFalse();
    }

    @Test
    void refusalIs401ProblemJsonWithoutTheValue() {
        assertThat(check.check("s3cret-value")).isNull();
        HttpAnswer refusal = check.check("guess-s3cret");
        assertThat(refusal).isNotNull();
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.contentType()).isEqualTo("application/problem+json");
        String body = new String(refusal.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"code\":\"UNAUTHORIZED\"").contains("X-Scanner-Secret");
        assertThat(body).doesNotContain("guess-s3cret").doesNotContain("s3cret-value");
    }

    @Test
    void secretsRevealNothing() {
        assertThat(SharedSecret.of("s3cret-value").toString()).doesNotContain("s3cret");
        assertThat(check.toString()).doesNotContain("s3cret");
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> SharedSecretCheck.builder().build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SharedSecretCheck.builder().headerName("bad header"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SharedSecret.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SharedSecretCheck.builder()
                        .headerName("X-Other-Secret")
                        .secrets(SharedSecret.of("a"))
                        .build()
                        .headerName())
                .isEqualTo("X-Other-Secret");
    }
}
