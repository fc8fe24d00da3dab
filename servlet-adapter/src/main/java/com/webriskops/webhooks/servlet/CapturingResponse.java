package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.Decision.BodyCapture;
import jakarta.annotation.Nullable;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The response the application writes while an idempotency key is claimed: everything goes to the
 * client as usual, and a copy of the body bytes (as encoded, after the writer's charset) goes to a
 * {@link BodyCapture}. Status and content type are read from the response when the answer is finished.
 * {@code sendError} is noted: the container's error page is not captured, so such answers are not
 * stored.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private final BodyCapture capture;
    private @Nullable ServletOutputStream stream;
    private @Nullable PrintWriter writer;
    private volatile boolean errorSent;
    private boolean released;

    CapturingResponse(HttpServletResponse response, BodyCapture capture) {
        super(response);
        this.capture = capture;
    }

    @Override
    public synchronized ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called already");
        }
        if (stream == null) {
            stream = new TeeStream(super.getOutputStream(), capture, !released);
        }
        return stream;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer == null) {
            if (stream != null) {
                throw new IllegalStateException("getOutputStream() was called already");
            }
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            stream = new TeeStream(super.getOutputStream(), capture, !released);
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        errorSent = true;
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        errorSent = true;
        super.sendError(status);
    }

    @Override
    public synchronized void flushBuffer() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        super.flushBuffer();
    }

    /** Pushes what the writer buffered into the stream (and the capture). */
    synchronized void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    BodyCapture capture() {
        return capture;
    }

    /**
     * Sends the body held back so far and lets the rest stream through (also a close the application
     * asked for while it was held).
     */
    synchronized void release() throws IOException {
        released = true;
        if (writer != null) {
            writer.flush();
        }
        if (stream instanceof TeeStream tee) {
            tee.release();
        }
    }

    boolean errorSent() {
        return errorSent;
    }

    /**
     * Writes to the capture and holds the bytes back from the container while they could still be
     * stored (up to the capture's limit); past that, or after {@link #release()}, streams through.
     */
    private static final class TeeStream extends ServletOutputStream {
        private final ServletOutputStream out;
        private final BodyCapture capture;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean holding;
        private boolean closeRequested;

        TeeStream(ServletOutputStream out, BodyCapture capture, boolean holding) {
            this.out = out;
            this.capture = capture;
            this.holding = holding;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            capture.write(b, off, len);
            if (holding && held.size() + (long) len <= capture.limit()) {
                held.write(b, off, len);
                return;
            }
            release();
            out.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (!holding) {
                out.flush();
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (holding) {
                closeRequested = true;
            } else {
                out.close();
            }
        }

        synchronized void release() throws IOException {
            if (!holding) {
                return;
            }
            holding = false;
            held.writeTo(out);
            held.reset();
            if (closeRequested) {
                out.close();
            }
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
