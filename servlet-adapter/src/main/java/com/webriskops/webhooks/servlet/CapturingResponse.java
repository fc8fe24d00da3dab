package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.idempotency.BodyCapture;
import jakarta.annotation.Nullable;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
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
            stream = new TeeStream(super.getOutputStream(), capture);
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
            stream = new TeeStream(super.getOutputStream(), capture);
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

    boolean errorSent() {
        return errorSent;
    }

    /** Writes to the container's stream and to the capture. */
    private static final class TeeStream extends ServletOutputStream {
        private final ServletOutputStream out;
        private final BodyCapture capture;

        TeeStream(ServletOutputStream out, BodyCapture capture) {
            this.out = out;
            this.capture = capture;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            capture.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            capture.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
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
