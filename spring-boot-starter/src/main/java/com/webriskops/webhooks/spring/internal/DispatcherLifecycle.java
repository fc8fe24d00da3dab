package com.webriskops.webhooks.spring.internal;

import com.webriskops.webhooks.sender.outbox.Dispatcher;
import jakarta.annotation.Nullable;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a dispatcher with the application context and stops it gracefully (no new claims, running
 * attempts finish and are recorded, unstarted claims released) before the context closes its beans.
 * A stopped context that starts again gets a new dispatcher. Thread-safe.
 */
public final class DispatcherLifecycle implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(DispatcherLifecycle.class);

    private final Supplier<Dispatcher> factory;

    @Nullable
    private volatile Dispatcher dispatcher;

    /** A lifecycle that builds a new dispatcher from {@code factory} on each start. */
    public DispatcherLifecycle(Supplier<Dispatcher> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        Dispatcher started = factory.get();
        started.start();
        dispatcher = started;
        LOG.info("Webhook dispatcher {} started", started.owner());
    }

    @Override
    public synchronized void stop() {
        Dispatcher running = dispatcher;
        if (running == null) {
            return;
        }
        dispatcher = null;
        running.close();
        LOG.info("Webhook dispatcher {} stopped", running.owner());
    }

    @Override
    public boolean isRunning() {
        Dispatcher running = dispatcher;
        return running != null && running.isRunning();
    }

    /** The running dispatcher, or null while stopped. */
    @Nullable
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public String toString() {
        return "DispatcherLifecycle[" + dispatcher + "]";
    }
}
