package com.webriskops.webhooks.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.internal.ResponseClassifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_766_203_200L);

    private static AttemptOutcome retryable(Duration retryAfter) {
        return AttemptOutcome.retry(1, ErrorCode.WEBHOOK_DELIVERY_FAILED, "the target answered 503", true, NOW, NOW)
                .withAnswer(503, null)
                .withRetryAfter(retryAfter);
    }

    @Test
    void backsOffExponentiallyWithJitterUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.builder()
                .initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(100))
                .random(new Random(42))
                .build();
        long[] bases = {10, 20, 40, 80, 100, 100};
        for (int failures = 1; failures <= bases.length; failures++) {
            for (int i = 0; i < 50; i++) {
                Duration backoff = policy.backoff(failures);
                assertThat(backoff)
                        .isBetween(
                                Duration.ofSeconds(bases[failures - 1]).dividedBy(2),
                                Duration.ofSeconds(bases[failures - 1]));
            }
        }
    }

    @Test
    void honoursRetryAfterUpToTheCap() {
        RetryPolicy policy =
                RetryPolicy.builder().retryAfterCap(Duration.ofMinutes(5)).build();

        assertThat(policy.nextAttemptAt(retryable(Duration.ofSeconds(30)), 1, NOW, NOW))
                .isEqualTo(NOW.plusSeconds(30));
        assertThat(policy.nextAttemptAt(retryable(Duration.ofHours(2)), 1, NOW, NOW))
                .isEqualTo(NOW.plusSeconds(300));
    }

    @Test
    void givesUpAfterMaxAttempts() {
        RetryPolicy policy = RetryPolicy.builder().maxAttempts(3).build();

        assertThat(policy.nextAttemptAt(retryable(null), 2, NOW, NOW)).isNotNull();
        assertThat(policy.nextAttemptAt(retryable(null), 3, NOW, NOW)).isNull();
    }

    @Test
    void givesUpWhenTheNextAttemptWouldPassTheMaxAge() {
        RetryPolicy policy = RetryPolicy.builder().maxAge(Duration.ofHours(1)).build();

        assertThat(policy.nextAttemptAt(retryable(Duration.ofMinutes(10)), 1, NOW, NOW.plusSeconds(2_000)))
                .isNotNull();
        assertThat(policy.nextAttemptAt(retryable(Duration.ofMinutes(10)), 1, NOW, NOW.plusSeconds(3_300)))
                .isNull();
    }

    @Test
    void neverRetriesAnOutcomeThatIsNotRetryable() {
        AttemptOutcome blocked = AttemptOutcome.blocked(1, ErrorCode.GENERIC_WEBHOOK_AUTH_FAILED, "no", NOW, NOW)
                .withAnswer(401, null);

        assertThat(RetryPolicy.ofDefaults().nextAttemptAt(blocked, 1, NOW, NOW)).isNull();
    }

    @Test
    void builderChecksItsArguments() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder().maxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.builder()
                        .initialBackoff(Duration.ofMinutes(5))
                        .maxBackoff(Duration.ofMinutes(1))
                        .build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void parsesRetryAfterForms() {
        assertThat(ResponseClassifier.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ResponseClassifier.retryAfter("Sat, 20 Dec 2025 04:01:30 GMT", NOW))
                .isEqualTo(Duration.between(NOW, Instant.parse("2025-12-20T04:01:30Z")));
        assertThat(ResponseClassifier.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW))
                .isEqualTo(Duration.ZERO);
        assertThat(ResponseClassifier.retryAfter("99999999999999", NOW)).isEqualTo(ResponseClassifier.MAX_RETRY_AFTER);
        assertThat(ResponseClassifier.retryAfter("soon", NOW)).isNull();
        assertThat(ResponseClassifier.retryAfter("-5", NOW)).isNull();
        assertThat(ResponseClassifier.retryAfter(null, NOW)).isNull();
    }
}
