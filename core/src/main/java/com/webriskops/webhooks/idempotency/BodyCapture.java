package com.webriskops.webhooks.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;

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
