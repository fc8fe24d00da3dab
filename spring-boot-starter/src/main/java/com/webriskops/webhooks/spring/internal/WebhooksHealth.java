package com.webriskops.webhooks.spring.internal;

import com.webriskops.webhooks.sender.spi.DeliveryStore;
import jakarta.annotation.Nullable;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The kit's health, whatever Spring Boot's health API looks like: the stores reachable (a connection to
 * the DataSource for the JDBC store; the outbox's backlog when the sender runs), the dispatcher
 * running, and the oldest due delivery's lag within bounds. Details never hold secrets, keys or URLs.
 */
public final class WebhooksHealth {
    /**
     * What the check found.
     *
     * @param up true when everything checked is fine
     * @param details what was found, for the health endpoint
     */
    public record Report(boolean up, Map<String, Object> details) {}

    private final String store;

    @Nullable
    private final DataSource dataSource;

    @Nullable
    private final DeliveryStore outbox;

    @Nullable
    private final DispatcherLifecycle dispatcher;

    private final Duration maxOldestDueLag;
    private final Clock clock;

    /**
     * @param store the store type's name, for the details
     * @param dataSource the JDBC store's DataSource, or null for memory stores
     * @param outbox the sender's outbox, or null without the sender
     * @param dispatcher the sender's dispatcher, or null without the sender
     */
    public WebhooksHealth(
            String store,
            @Nullable DataSource dataSource,
            @Nullable DeliveryStore outbox,
            @Nullable DispatcherLifecycle dispatcher,
            Duration maxOldestDueLag,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.maxOldestDueLag = Objects.requireNonNull(maxOldestDueLag, "maxOldestDueLag");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs the checks. Never throws. */
    public Report check() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        details.put("store", store);
        if (dataSource != null) {
            boolean reachable = reachable(dataSource);
            details.put("database", reachable ? "reachable" : "unreachable");
            up &= reachable;
        }
        if (dispatcher != null) {
            boolean running = dispatcher.isRunning();
            details.put("dispatcher", running ? "running" : "stopped");
            up &= running;
        }
        if (outbox != null) {
            Instant now = clock.instant();
            try {
                DeliveryStore.Backlog backlog = outbox.backlog(now);
                Duration lag = backlog.oldestDueLag(now);
                details.put("waitingDeliveries", backlog.waiting());
                details.put("oldestDueLagSeconds", lag.toSeconds());
                if (lag.compareTo(maxOldestDueLag) > 0) {
                    details.put(
                            "oldestDueLag",
                            "the oldest due delivery waits longer than " + maxOldestDueLag.toSeconds() + " s");
                    up = false;
                }
            } catch (RuntimeException e) {
                details.put("outbox", "unreachable (" + e.getClass().getSimpleName() + ")");
                up = false;
            }
        }
        return new Report(up, details);
    }

    private static boolean reachable(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "WebhooksHealth[store=" + store + "]";
    }
}
