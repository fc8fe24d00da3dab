package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.receiver.HttpAnswer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@link IdempotentRequests#begin} decided for a request; the adapter acts on it.
 *
 * <ul>
 *   <li>{@link PassThrough}: no {@code Idempotency-Key}; run the handler, touch nothing.
 *   <li>{@link Respond}: write {@link Respond#answer()} and do not run the handler (a replayed stored
 *       answer, or a refusal).
 *   <li>{@link Proceed}: the key was claimed; put {@link Proceed#body()} back as the request entity,
 *       run the handler, copy what it writes into a {@link Proceed#newCapture() capture}, then call
 *       {@link IdempotentRequests#finish} (or {@link IdempotentRequests#abandon} if it threw).
 * </ul>
 */
public sealed interface Decision permits Decision.PassThrough, Decision.Respond, Decision.Proceed {
    /** The request carries no {@code Idempotency-Key}: it is none of this kit's business. */
    enum PassThrough implements Decision {
        /** The one instance. */
        INSTANCE
    }

    /**
     * Answer the request with {@code answer}; the handler does not run.
     *
     * @param answer what to write
     * @param replay true when it is a stored answer replayed (it then carries {@value
     *     IdempotentRequests#REPLAYED_HEADER}{@code : true}), false for a refusal
     */
    record Respond(HttpAnswer answer, boolean replay) implements Decision {
        /** @throws NullPointerException if {@code answer} is null */
        public Respond {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * The key is claimed for this request: run the handler. Finishing acts once only, however often
     * {@link IdempotentRequests#finish} or {@link IdempotentRequests#abandon} is called. Thread-safe.
     */
    final class Proceed implements Decision {
        private final String scope;
        private final String key;
        private final String token;
        private final byte[] body;
        private final int captureLimit;
        private final AtomicBoolean finished = new AtomicBoolean();

        Proceed(String scope, String key, String token, byte[] body, int captureLimit) {
            this.scope = scope;
            this.key = key;
            this.token = token;
            this.body = body;
            this.captureLimit = captureLimit;
        }

        /** The key's scope. */
        public String scope() {
            return scope;
        }

        /** The {@code Idempotency-Key}. */
        public String idempotencyKey() {
            return key;
        }

        /** A copy of the request body as read, to put back for the handler. */
        public byte[] body() {
            return body.clone();
        }

        /** A fresh stream over the request body as read. */
        public InputStream bodyStream() {
            return new ByteArrayInputStream(body);
        }

        /** A new capture bounded by the engine's stored body bound. */
        public BodyCapture newCapture() {
            return new BodyCapture(captureLimit);
        }

        String token() {
            return token;
        }

        boolean markFinished() {
            return finished.compareAndSet(false, true);
        }

        @Override
        public String toString() {
            return "Proceed[scope=" + scope + ", body=" + body.length + " bytes]";
        }
    }

    /**
     * Keeps a copy of the response body bytes as the adapter writes them to the client, up to the stored
     * body bound of {@link IdempotentRequests}; past the bound it only notes that it {@linkplain
     * #overflowed() overflowed}, and the answer is not stored. Obtain one from {@link
     * Decision.Proceed#newCapture()}. Thread-safe (the container may write from another thread).
     */
    public final class BodyCapture extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean overflowed;

        BodyCapture(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (!overflowed && bytes.size() < limit) {
                bytes.write(b);
            } else {
                overflowed = true;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (overflowed || bytes.size() + (long) len > limit) {
                overflowed = true;
                return;
            }
            bytes.write(b, off, len);
        }

        /** True once more bytes were written than the bound allows. */
        /** The most bytes kept; an answer longer than this is not stored. */
        public int limit() {
            return limit;
        }

        public synchronized boolean overflowed() {
            return overflowed;
        }

        synchronized byte[] bytes() {
            return bytes.toByteArray();
        }

        @Override
        public synchronized String toString() {
            return "BodyCapture[" + bytes.size() + " bytes" + (overflowed ? ", overflowed" : "") + "]";
        }
    }
}
