package com.webriskops.webhooks.samples;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a serving command runs until Ctrl-C: a shutdown hook that wakes {@link #await()} and then holds
 * the JVM's exit (up to a grace period) until the command has stopped what it started and closed this.
 * An interrupt (a test or an embedding stopping the command) also ends the wait; the thread's
 * interrupt flag is set again by {@link #close()}, after everything else has stopped. Not thread-safe:
 * one command's thread uses it.
 */
final class ShutdownSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook;
    private boolean interrupted;

    /**
     * Adds the shutdown hook.
     *
     * @param name the hook thread's name
     * @param grace how long the hook waits for the command to stop before the JVM exits anyway
     */
    ShutdownSignal(String name, Duration grace) {
        Objects.requireNonNull(grace, "grace");
        this.hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                Objects.requireNonNull(name, "name"));
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits until the JVM shuts down (Ctrl-C) or this thread is interrupted. */
    void await() {
        try {
            stop.await();
        } catch (InterruptedException e) {
            interrupted = true; // stopped from inside the JVM (tests, embedding)
        }
    }

    /** Lets the shutdown hook finish, removes it, and sets the interrupt flag again if {@link #await()} was interrupted. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
