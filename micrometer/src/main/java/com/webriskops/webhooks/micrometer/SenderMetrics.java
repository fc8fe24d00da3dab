package com.webriskops.webhooks.micrometer;

import static com.webriskops.webhooks.micrometer.WebhookMeterNames.CODE;
import static com.webriskops.webhooks.micrometer.WebhookMeterNames.HTTP_STATUS;
import static com.webriskops.webhooks.micrometer.WebhookMeterNames.OUTCOME;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
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
 * The sender's meters, fed as a {@link com.webriskops.webhooks.sender.outbox.Dispatcher}'s {@link
 * Dispatcher.Listener}: each recorded attempt's time by the status it left the delivery in, its code and
 * the class of the target's answer ({@value WebhookMeterNames#DELIVERY_ATTEMPTS}), deliveries that ended
 * ({@value WebhookMeterNames#DELIVERIES}) and retries scheduled ({@value
 * WebhookMeterNames#DELIVERY_RETRIES}). Tags never hold target URLs, keys or secrets. Attempt times are
 * the outcome's start and end, by the dispatcher's clock.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.builder()
 *         .store(store).sender(sender).targets(targets)
 *         .listener(SenderMetrics.of(meterRegistry))
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; one instance may serve several dispatchers.
 */
public final class SenderMetrics implements Dispatcher.Listener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<String, Timer> attempts = new ConcurrentHashMap<>();
    private final Map<String, Counter> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();

    private SenderMetrics(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    /**
     * Meters on {@code registry} with no extra tags.
     *
     * @throws NullPointerException if {@code registry} is null
     */
    public static SenderMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /**
     * Meters on {@code registry}, each carrying {@code tags} too. Keep their values few and fixed.
     *
     * @throws NullPointerException if an argument is null
     */
    public static SenderMetrics of(MeterRegistry registry, Iterable<Tag> tags) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(tags, "tags");
        return new SenderMetrics(registry, Tags.of(tags));
    }

    @Override
    public void onAttempt(AttemptOutcome outcome, DeliveryStatus status) {
        String code = Tagging.code(outcome.code());
        String outcomeTag = status.wireName();
        String httpStatus = Tagging.statusClass(outcome.httpStatus());
        Duration took = Duration.between(outcome.startedAt(), outcome.finishedAt());
        attempts.computeIfAbsent(
                        outcomeTag + ' ' + code + ' ' + httpStatus,
                        key -> Timer.builder(WebhookMeterNames.DELIVERY_ATTEMPTS)
                                .description("Webhook delivery attempts, by the status they left the delivery in")
                                .tags(tags)
                                .tag(OUTCOME, outcomeTag)
                                .tag(CODE, code)
                                .tag(HTTP_STATUS, httpStatus)
                                .register(registry))
                .record(took.isNegative() ? Duration.ZERO : took);
        if (status == DeliveryStatus.RETRY_SCHEDULED) {
            retries.computeIfAbsent(
                            code,
                            key -> Counter.builder(WebhookMeterNames.DELIVERY_RETRIES)
                                    .description("Webhook delivery attempts after which a retry was scheduled")
                                    .tags(tags)
                                    .tag(CODE, code)
                                    .register(registry))
                    .increment();
        } else if (status.isTerminal()) {
            deliveries
                    .computeIfAbsent(
                            outcomeTag + ' ' + code,
                            key -> Counter.builder(WebhookMeterNames.DELIVERIES)
                                    .description("Webhook deliveries that ended: exported, blocked or failed")
                                    .tags(tags)
                                    .tag(OUTCOME, outcomeTag)
                                    .tag(CODE, code)
                                    .register(registry))
                    .increment();
        }
    }

    @Override
    public String toString() {
        return "SenderMetrics[" + tags + "]";
    }
}
