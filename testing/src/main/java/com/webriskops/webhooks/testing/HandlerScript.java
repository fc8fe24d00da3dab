package com.webriskops.webhooks.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a test told an application handler to do on its next call, beyond answering: wait on a latch,
 * or throw. Shared by {@link RecordingHandler} and {@link ScannerHandler}. Thread-safe.
 */
final class HandlerScript {
    private final AtomicInteger throwCount = new AtomicInteger();
    private final AtomicReference<CountDownLatch> entered = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> release = new AtomicReference<>();

    /** Plays the script for one call: counts down and waits as asked, then throws if asked. */
    void play() {
        CountDownLatch enteredLatch = entered.getAndSet(null);
        CountDownLatch releaseLatch = release.getAndSet(null);
        if (enteredLatch != null) {
            enteredLatch.countDown();
        }
        if (releaseLatch != null) {
            try {
                if (!releaseLatch.await(180, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("test never released the handler");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (throwCount.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("handler failure requested by the test");
        }
    }

    void throwOnce() {
        throwCount.set(1);
    }

    void blockNext(CountDownLatch enteredLatch, CountDownLatch releaseLatch) {
        entered.set(enteredLatch);
        release.set(releaseLatch);
    }
}
