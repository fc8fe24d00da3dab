package com.webriskops.webhooks.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application handler behind a receiver under test: records what reached it and answers as the
 * test says (a status, an exception, or waiting on a latch). Adapter tests call {@link #handle} from
 * their resource, servlet or handler with what the application actually saw. Thread-safe.
 */
public final class RecordingHandler {
    /**
     * What the application saw.
     *
     * @param idempotencyKey from the verified delivery
     * @param attempt from the verified delivery
     * @param nonce from the verified delivery
     * @param body the bytes the application read from the request entity
     * @param title the typed payload's {@code ticket_export.title}, as the application received it
     */
    public record Seen(String idempotencyKey, int attempt, String nonce, byte[] body, String title) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger throwCount = new AtomicInteger();
    private final AtomicReference<CountDownLatch> entered = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> release = new AtomicReference<>();

    /** Records {@code what} and returns the status to answer, or throws as configured. */
    public int handle(Seen what) {
        seen.add(what);
        CountDownLatch enteredLatch = entered.getAndSet(null);
        CountDownLatch releaseLatch = release.getAndSet(null);
        if (enteredLatch != null) {
            enteredLatch.countDown();
        }
        if (releaseLatch != null) {
            try {
                if (!releaseLatch.await(30, TimeUnit.SECONDS)) {
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
        return status.get();
    }

    /** Answer {@code status} from now on. */
    public void answer(int status) {
        this.status.set(status);
    }

    /** Throw instead of answering, for the next call. */
    public void throwOnce() {
        throwCount.set(1);
    }

    /**
     * Makes the next call wait for {@code releaseLatch}; {@code enteredLatch} is counted down when it
     * starts waiting.
     */
    public void blockNext(CountDownLatch enteredLatch, CountDownLatch releaseLatch) {
        entered.set(enteredLatch);
        release.set(releaseLatch);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int calls() {
        return seen.size();
    }
}
