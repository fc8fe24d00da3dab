package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The application handler behind a receiver under test: records what reached it and answers as the
 * test says (a status, an exception, or waiting on a latch). Adapter tests call {@link
 * #handle(VerifiedDelivery, byte[])} from their resource, servlet or handler with the delivery and the
 * bytes the application actually read. Thread-safe.
 */
public final class RecordingHandler {
    /**
     * What the application saw.
     *
     * @param idempotencyKey from the verified delivery
     * @param attempt from the verified delivery
     * @param nonce from the verified delivery
     * @param body the bytes the application read from the request entity
     * @param summary what the application read from the typed payload ({@link SchemeFixture#summary})
     */
    public record Seen(String idempotencyKey, int attempt, String nonce, byte[] body, String summary) {}

    private final Function<VerifiedDelivery<?>, String> summary;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final HandlerScript script = new HandlerScript();

    /** A handler for WebRiskOps deliveries: the summary is the ticket export's title. */
    public RecordingHandler() {
        this(WebRiskOpsFixture.INSTANCE);
    }

    /** A handler for deliveries of {@code scheme}. */
    public RecordingHandler(SchemeFixture scheme) {
        this.summary = Objects.requireNonNull(scheme, "scheme")::summary;
    }

    /** Records what the application saw of {@code delivery}, having read {@code body}; see {@link #handle(Seen)}. */
    public int handle(VerifiedDelivery<?> delivery, byte[] body) {
        return handle(new Seen(
                delivery.idempotencyKey(), delivery.attempt(), delivery.nonce(), body, summary.apply(delivery)));
    }

    /** Records {@code what} and returns the status to answer, or throws as configured. */
    public int handle(Seen what) {
        seen.add(what);
        script.play();
        return status.get();
    }

    /** Answer {@code status} from now on. */
    public void answer(int status) {
        this.status.set(status);
    }

    /** Throw instead of answering, for the next call. */
    public void throwOnce() {
        script.throwOnce();
    }

    /**
     * Makes the next call wait for {@code releaseLatch}; {@code enteredLatch} is counted down when it
     * starts waiting.
     */
    public void blockNext(CountDownLatch enteredLatch, CountDownLatch releaseLatch) {
        script.blockNext(enteredLatch, releaseLatch);
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    public int calls() {
        return seen.size();
    }
}
