package com.webriskops.webhooks.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application behind the scanner postback endpoint in the idempotency tests: records each body it
 * received and answers 202 with a JSON body carrying a new server-generated id (so a replayed answer
 * is visibly the stored one), or as the test says (another status, a large body, an exception,
 * waiting on a latch). Thread-safe.
 */
public final class ScannerHandler {
    /** The content type of every answer. */
    public static final String CONTENT_TYPE = "application/json";

    /**
     * An answer to write.
     *
     * @param status the status
     * @param body the body bytes, written with {@link #CONTENT_TYPE}
     */
    public record Answer(int status, byte[] body) {}

    private final List<byte[]> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(202);
    private final AtomicInteger padding = new AtomicInteger();
    private final HandlerScript script = new HandlerScript();

    /** Records {@code body} and returns the answer, or throws as configured. */
    public Answer handle(byte[] body) {
        seen.add(body.clone());
        script.play();
        String json = "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"accepted\",\"received_bytes\":" + body.length
                + ",\"padding\":\"" + "x".repeat(padding.get()) + "\"}";
        return new Answer(status.get(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** Answer {@code status} from now on. */
    public void answer(int status) {
        this.status.set(status);
    }

    /** Pad every answer's body with {@code characters} more bytes from now on. */
    public void pad(int characters) {
        padding.set(characters);
    }

    /** Throw instead of answering, for the next call. */
    public void throwOnce() {
        script.throwOnce();
    }

    /** Makes the next call count down {@code enteredLatch}, then wait for {@code releaseLatch}. */
    public void blockNext(CountDownLatch enteredLatch, CountDownLatch releaseLatch) {
        script.blockNext(enteredLatch, releaseLatch);
    }

    /** How many times the handler ran. */
    public int calls() {
        return seen.size();
    }

    /** The bodies it received, in order. */
    public List<byte[]> seen() {
        return List.copyOf(seen);
    }
}
