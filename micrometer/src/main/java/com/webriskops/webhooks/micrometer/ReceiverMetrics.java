package com.webriskops.webhooks.micrometer;

import static com.webriskops.webhooks.micrometer.WebhookMeterNames.CODE;
import static com.webriskops.webhooks.micrometer.WebhookMeterNames.OUTCOME;
import static com.webriskops.webhooks.micrometer.WebhookMeterNames.STATUS;

import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.Rejection;
import com.webriskops.webhooks.receiver.VerificationListener;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiver's meters, fed as its {@link VerificationListener}: every answer by outcome, status and
 * code ({@value WebhookMeterNames#RECEIVED}), the time each decision took ({@value
 * WebhookMeterNames#VERIFICATION}), duplicates ({@value WebhookMeterNames#DUPLICATES}) and replays
 * ({@value WebhookMeterNames#REPLAYS}). Tags never hold keys, nonces, URLs or secrets.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .secrets(secret)
 *         .listener(ReceiverMetrics.of(meterRegistry))
 *         .build();
 * }</pre>
 *
 * <p>Outcomes of {@value WebhookMeterNames#RECEIVED}: {@code accepted} (the handler answered 2xx; the
 * status tag is the handler's), {@code handler_error} (the handler answered otherwise or threw; the
 * key was released for a retry), {@code duplicate} (200) and {@code rejected} (the kit's 4xx or 503,
 * with its code). Thread-safe; one instance may serve several receivers.
 */
public final class ReceiverMetrics implements VerificationListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter duplicates;
    private final Counter replays;
    private final Timer acceptedTime;
    private final Timer duplicateTime;
    private final Timer rejectedTime;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();

    private ReceiverMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.duplicates = Counter.builder(WebhookMeterNames.DUPLICATES)
                .description("Webhook deliveries answered duplicate: their idempotency key was completed before")
                .tags(tags)
                .register(registry);
        this.replays = Counter.builder(WebhookMeterNames.REPLAYS)
                .description("Webhook deliveries refused because their nonce was used before")
                .tags(tags)
                .register(registry);
        this.acceptedTime = timer("accepted");
        this.duplicateTime = timer("duplicate");
        this.rejectedTime = timer("rejected");
    }

    /**
     * Meters on {@code registry} with no extra tags.
     *
     * @throws NullPointerException if {@code registry} is null
     */
    public static ReceiverMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /**
     * Meters on {@code registry}, each carrying {@code tags} too (such as {@code endpoint=orders}, to tell
     * several receivers apart). Keep their values few and fixed.
     *
     * @throws NullPointerException if an argument is null
     */
    public static ReceiverMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tags, "tags");
        return new ReceiverMetrics(registry, Tags.of(tags));
    }

    @Override
    public void onDuplicate(String idempotencyKey) {
        duplicates.increment();
        received("duplicate", "200", WebhookMeterNames.NONE).increment();
    }

    @Override
    public void onRejected(Rejection rejection) {
        received(
                        "rejected",
                        Tagging.status(rejection.status()),
                        rejection.code().name())
                .increment();
    }

    @Override
    public void onReplayed(String replayId) {
        replays.increment();
    }

    @Override
    public void onFinished(VerifiedDelivery<?> delivery, int status, boolean completed) {
        String outcome = status >= 200 && status < 300 ? "accepted" : "handler_error";
        received(outcome, Tagging.status(status), WebhookMeterNames.NONE).increment();
    }

    @Override
    public void onVerified(ReceiveResult<?> result, Duration elapsed) {
        Timer timer = result instanceof ReceiveResult.Accepted
                ? acceptedTime
                : result instanceof ReceiveResult.Duplicate ? duplicateTime : rejectedTime;
        timer.record(elapsed);
    }

    private Counter received(String outcome, String status, String code) {
        return received.computeIfAbsent(
                outcome + ' ' + status + ' ' + code,
                key -> Counter.builder(WebhookMeterNames.RECEIVED)
                        .description("Webhook deliveries answered, by outcome, HTTP status and code")
                        .tags(tags)
                        .tag(OUTCOME, outcome)
                        .tag(STATUS, status)
                        .tag(CODE, code)
                        .register(registry));
    }

    private Timer timer(String outcome) {
        return Timer.builder(WebhookMeterNames.VERIFICATION)
                .description("Time the webhook receiver took to decide (body, signature, payload, stores)")
                .tags(tags)
                .tag(OUTCOME, outcome)
                .register(registry);
    }

    @Override
    public String toString() {
        return "ReceiverMetrics[" + tags + "]";
    }
}
