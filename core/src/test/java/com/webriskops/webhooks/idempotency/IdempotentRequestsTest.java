package com.webriskops.webhooks.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webriskops.webhooks.idempotency.Decision.BodyCapture;
import com.webriskops.webhooks.idempotency.IdempotentRequests.ApiRequest;
import com.webriskops.webhooks.idempotency.IdempotentRequests.KeyScopeResolver;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.IdempotencyRecord;
import com.webriskops.webhooks.idempotency.IdempotentResponseStore.StoredResponse;
import jakarta.annotation.Nullable;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotentRequestsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private record Request(
            String path, @Nullable String key, @Nullable String user, byte[] content) implements ApiRequest {
        @Override
        public String method() {
            return "POST";
        }

        @Override
        public List<String> headers(String name) {
            return key != null && name.equals(IdempotentRequests.IDEMPOTENCY_KEY_HEADER) ? List.of(key) : List.of();
        }

        @Override
        @Nullable
        public Principal principal() {
            return user == null ? null : () -> user;
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(content);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scopesKeepClientsApart() throws Exception {
        IdempotentRequests engine = IdempotentRequests.builder()
                .clock(CLOCK)
                .keyScopeResolver(KeyScopeResolver.principalName())
                .build();
        Decision alice = engine.begin(new Request("/a", "k", "alice", bytes("{}")));
        assertThat(alice).isInstanceOf(Decision.Proceed.class);
        engine.finish((Decision.Proceed) alice, 201, "application/json", capture((Decision.Proceed) alice, "A"));
        Decision bob = engine.begin(new Request("/a", "k", "bob", bytes("{}")));
        assertThat(bob).isInstanceOf(Decision.Proceed.class);
        Decision aliceAgain = engine.begin(new Request("/a", "k", "alice", bytes("{}")));
        assertThat(aliceAgain).isInstanceOfSatisfying(Decision.Respond.class, r -> {
            assertThat(r.replay()).isTrue();
            assertThat(r.answer().status()).isEqualTo(201);
            assertThat(r.answer().body()).isEqualTo(bytes("A"));
        });
    }

    @Test
    void aDifferentPathWithTheSameKeyIsAReuse() throws Exception {
        IdempotentRequests engine = IdempotentRequests.builder().clock(CLOCK).build();
        Decision.Proceed first = (Decision.Proceed) engine.begin(new Request("/a", "k", null, bytes("{}")));
        engine.finish(first, 200, null, capture(first, ""));
        Decision other = engine.begin(new Request("/b", "k", null, bytes("{}")));
        assertThat(((Decision.Respond) other).answer().status()).isEqualTo(422);
    }

    @Test
    void finishActsOnceAndAbandonAfterFinishDoesNothing() throws Exception {
        InMemoryIdempotentResponseStore store = new InMemoryIdempotentResponseStore();
        IdempotentRequests engine =
                IdempotentRequests.builder().clock(CLOCK).store(store).build();
        Decision.Proceed first = (Decision.Proceed) engine.begin(new Request("/a", "k", null, bytes("{}")));
        engine.finish(first, 200, "text/plain", capture(first, "ok"));
        engine.abandon(first);
        engine.finish(first, 500, "text/plain", capture(first, "no"));
        IdempotencyRecord record = store.find("global", "k", CLOCK.instant());
        assertThat(record).isNotNull();
        assertThat(record.response()).isEqualTo(new StoredResponse(200, "text/plain", bytes("ok")));
    }

    @Test
    void oversizedRequestBodyIsRefusedWith413() throws Exception {
        IdempotentRequests engine =
                IdempotentRequests.builder().maxRequestBodyBytes(4).build();
        Decision decision = engine.begin(new Request("/a", "k", null, bytes("12345")));
        assertThat(((Decision.Respond) decision).answer().status()).isEqualTo(413);
    }

    @Test
    void longScopesAreHashed() {
        assertThat(Fingerprints.boundedScope("account-1")).isEqualTo("account-1");
        assertThat(Fingerprints.boundedScope("ü")).startsWith("sha256:").hasSize(7 + 64);
        assertThat(Fingerprints.boundedScope("a".repeat(129))).startsWith("sha256:");
    }

    @Test
    void builderRefusesBadValues() {
        IdempotentRequests.Builder builder = IdempotentRequests.builder();
        assertThatThrownBy(() -> builder.keyTimeToLive(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.claimLease(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxStoredBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.maxRequestBodyBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.store(null)).isInstanceOf(NullPointerException.class);
    }

    private static BodyCapture capture(Decision.Proceed proceed, String text) {
        BodyCapture capture = proceed.newCapture();
        capture.write(bytes(text), 0, bytes(text).length);
        return capture;
    }
}
