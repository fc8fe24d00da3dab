package com.webriskops.webhooks.spring;

import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The embedded sender's entry point: {@link #enqueue} puts an export in the delivery outbox and wakes
 * the dispatcher, which delivers it with retries, surviving restarts (with the JDBC store). Declared by
 * the auto-configuration when {@code webriskops.webhooks.sender.enabled=true}. Thread-safe.
 *
 * <pre>{@code
 * outbox.enqueue(target, export);   // returns at once; the dispatcher delivers it
 * }</pre>
 */
public final class WebhookOutbox {
    private final DeliveryStore store;
    private final Supplier<Dispatcher> dispatcher;
    private final Clock clock;

    /**
     * @param store the delivery outbox
     * @param dispatcher the running dispatcher, or null while it is stopped
     * @param clock the clock deliveries are due by (the dispatcher's)
     */
    public WebhookOutbox(DeliveryStore store, Supplier<Dispatcher> dispatcher, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a delivery of {@code export} to {@code target}, due now, and wakes the dispatcher. Enqueuing
     * an idempotency key already present returns the existing delivery unchanged.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the outbox cannot take it
     */
    public Delivery enqueue(ExportTarget target, ExportRequest export) {
        Delivery delivery = store.enqueue(target, export, clock.instant());
        Dispatcher running = dispatcher.get();
        if (running != null) {
            running.wakeUp();
        }
        return delivery;
    }

    /** The outbox, for status views ({@link DeliveryStore#find}, {@link DeliveryStore#list}). */
    public DeliveryStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "WebhookOutbox[" + store + "]";
    }
}
