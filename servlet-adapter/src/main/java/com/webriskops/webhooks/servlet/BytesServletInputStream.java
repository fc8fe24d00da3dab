package com.webriskops.webhooks.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A servlet input stream over bytes already in memory. Never blocks, so it is always ready; a {@link
 * ReadListener} is told at once that data is available and then that all of it was read.
 */
final class BytesServletInputStream extends ServletInputStream {
    private final byte[] bytes;
    private int position;

    BytesServletInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= bytes.length) {
            return -1;
        }
        int count = Math.min(length, bytes.length - position);
        System.arraycopy(bytes, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public byte[] readAllBytes() {
        byte[] rest = Arrays.copyOfRange(bytes, position, bytes.length);
        position = bytes.length;
        return rest;
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        int count = bytes.length - position;
        out.write(bytes, position, count);
        position = bytes.length;
        return count;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, bytes.length - position));
        position += (int) skipped;
        return skipped;
    }

    @Override
    public int available() {
        return bytes.length - position;
    }

    @Override
    public boolean isFinished() {
        return position >= bytes.length;
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
        Objects.requireNonNull(listener, "listener");
        try {
            if (!isFinished()) {
                listener.onDataAvailable();
            }
            listener.onAllDataRead();
        } catch (IOException | RuntimeException e) {
            listener.onError(e);
        }
    }
}
