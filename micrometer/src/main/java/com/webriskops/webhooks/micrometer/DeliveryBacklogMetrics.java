package com.webriskops.webhooks.micrometer;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.annotation.Nullable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges that read a {@link DeliveryStore}'s {@linkplain DeliveryStore#backlog backlog}: how many
 * deliveries wait ({@value WebhookMeterNames#DELIVERY_QUEUE_DEPTH}) and how long the oldest due one has
 * waited past its due time ({@value WebhookMeterNames#DELIVERY_OLDEST_DUE_AGE}, seconds). A growing age
 * means the dispatchers are not keeping up, or are not running.
 *
 * <p>The store is read at most once per {@link Builder#refreshInterval} however often the registry
 * is scraped; the JDBI store answers with one aggregate statement. While the store cannot be read, both
 * gauges read {@code NaN}.
 *
 * <pre>{@code
 * DeliveryBacklogMetrics.builder(deliveryStore).build().bindTo(meterRegistry);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class DeliveryBacklogMetrics implements MeterBinder {
    /** Default least time between two reads of the store: 5 seconds. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBacklogMetrics.class);

    private final DeliveryStore store;
    private final Clock clock;
    private final Duration refreshInterval;
    private final Tags tags;
    private final Object lock = new Object();

    @Nullable
    private Instant readAt;

    @Nullable
    private DeliveryStore.Backlog last;

    private DeliveryBacklogMetrics(Builder builder) {
        this.store = builder.store;
        this.clock = builder.clock;
        this.refreshInterval = builder.refreshInterval;
        this.tags = builder.tags;
    }

    /**
     * A builder for gauges on {@code store}.
     *
     * @throws NullPointerException if {@code store} is null
     */
    public static Builder builder(DeliveryStore store) {
        return new Builder(store);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(WebhookMeterNames.DELIVERY_QUEUE_DEPTH, this, DeliveryBacklogMetrics::waiting)
                .description("Webhook deliveries waiting in the outbox (pending, retry_scheduled or sending)")
                .tags(tags)
                .register(registry);
        TimeGauge.builder(
                        WebhookMeterNames.DELIVERY_OLDEST_DUE_AGE,
                        this,
                        TimeUnit.SECONDS,
                        DeliveryBacklogMetrics::oldestDueAgeSeconds)
                .description("How long the oldest due webhook delivery has waited past its due time")
                .tags(tags)
                .register(registry);
    }

    private double waiting() {
        DeliveryStore.Backlog backlog = backlog();
        return backlog == null ? Double.NaN : backlog.waiting();
    }

    private double oldestDueAgeSeconds() {
        DeliveryStore.Backlog backlog = backlog();
        if (backlog == null) {
            return Double.NaN;
        }
        return backlog.oldestDueLag(clock.instant()).toMillis() / 1000.0;
    }

    /** The backlog read at most one refresh interval ago, or null while the store cannot be read. */
    @Nullable
    private DeliveryStore.Backlog backlog() {
        synchronized (lock) {
            Instant now = clock.instant();
            if (readAt == null || !now.isBefore(readAt.plus(refreshInterval)) || now.isBefore(readAt)) {
                readAt = now;
                try {
                    last = store.backlog(now);
                } catch (RuntimeException e) {
                    LOG.debug("Could not read the webhook delivery backlog: {}", e.toString());
                    last = null;
                }
            }
            return last;
        }
    }

    @Override
    public String toString() {
        return "DeliveryBacklogMetrics[store=" + store + ", refreshInterval=" + refreshInterval + "]";
    }

    /** Builds {@link DeliveryBacklogMetrics}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private final DeliveryStore store;
        private Clock clock = Clock.systemUTC();
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private Tags tags = Tags.empty();

        private Builder(DeliveryStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The clock "due" and the age are measured by; use the dispatcher's. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The least time between two reads of the store. Default 5 seconds; zero reads on every scrape.
         *
         * @throws IllegalArgumentException if negative or longer than 1 hour
         */
        public Builder refreshInterval(Duration refreshInterval) {
            Objects.requireNonNull(refreshInterval, "refreshInterval");
            if (refreshInterval.isNegative() || refreshInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(
                        "refreshInterval must be between 0 and 1 hour, not " + refreshInterval);
            }
            this.refreshInterval = refreshInterval;
            return this;
        }

        /** Extra tags on both gauges, such as the outbox's name. Keep their values few and fixed. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /** The gauges' binder; bind it with {@link DeliveryBacklogMetrics#bindTo}. */
        public DeliveryBacklogMetrics build() {
            return new DeliveryBacklogMetrics(this);
        }
    }
}
