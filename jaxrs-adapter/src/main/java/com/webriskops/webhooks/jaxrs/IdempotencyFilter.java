package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.idempotency.Decision;
import com.webriskops.webhooks.idempotency.Decision.BodyCapture;
import com.webriskops.webhooks.idempotency.IdempotentRequests;
import jakarta.annotation.Nullable;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The {@link IdempotentRequest} filter pair: the request filter asks {@link IdempotentRequests} and
 * either answers (a replay or a refusal) or puts the exact body back for the method; the response
 * filter and the writer interceptor hand the method's answer back: the interceptor copies the entity
 * bytes as they are written (so the stored body is exactly what was sent), the response filter
 * finishes answers without an entity. Its priority, {@link Priorities#AUTHORIZATION} + 100, puts it
 * after authentication and authorization (so the key scope can use the principal); as an interceptor
 * it runs before entity coders, so it sees their output. A method that throws reaches the response
 * filter as the runtime's 500, which releases the key. Immutable and thread-safe.
 */
@IdempotentRequest
@Priority(Priorities.AUTHORIZATION + 100)
@ConstrainedTo(RuntimeType.SERVER)
final class IdempotencyFilter implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
    static final String PROCEED = IdempotencyFilter.class.getName() + ".proceed";
    static final String STATUS = IdempotencyFilter.class.getName() + ".status";

    private final IdempotentRequests idempotency;

    IdempotencyFilter(IdempotentRequests idempotency) {
        this.idempotency = idempotency;
    }

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Decision decision = idempotency.begin(new ContainerApiRequest(request));
        if (decision instanceof Decision.Respond respond) {
            request.abortWith(Answers.toResponse(respond.answer()));
        } else if (decision instanceof Decision.Proceed proceed) {
            request.setEntityStream(proceed.bodyStream());
            request.setProperty(PROCEED, proceed);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(PROCEED) instanceof Decision.Proceed proceed)) {
            return;
        }
        if (response.hasEntity() && response.getStatus() < 500) {
            request.setProperty(STATUS, response.getStatus());
        } else {
            // No entity, or a 5xx (never stored): decide now, before anything is sent. Error
            // entities written by a runtime's default exception mapper may not pass through
            // name-bound writer interceptors at all.
            idempotency.finish(
                    proceed, response.getStatus(), contentType(response.getMediaType()), proceed.newCapture());
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        if (!(context.getProperty(PROCEED) instanceof Decision.Proceed proceed)
                || !(context.getProperty(STATUS) instanceof Integer status)) {
            context.proceed();
            return;
        }
        BodyCapture capture = proceed.newCapture();
        HoldBack hold = new HoldBack(context.getOutputStream(), capture);
        context.setOutputStream(hold);
        try {
            context.proceed();
        } catch (IOException | RuntimeException e) {
            idempotency.abandon(proceed);
            throw e;
        }
        // Record the answer before its bytes leave, so a client's immediate retry finds it stored
        // instead of racing the record (and getting 409).
        idempotency.finish(proceed, status, contentType(context.getMediaType()), capture);
        hold.release();
    }

    @Nullable
    private static String contentType(@Nullable MediaType mediaType) {
        return mediaType == null ? null : mediaType.toString();
    }

    /**
     * Copies everything to the capture, and holds an answer that could be stored (up to the capture's
     * limit) back from the response until {@link #release()}; a longer one, never stored, streams on.
     */
    private static final class HoldBack extends OutputStream {
        private final OutputStream out;
        private final BodyCapture capture;
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean streaming;

        HoldBack(OutputStream out, BodyCapture capture) {
            this.out = out;
            this.capture = capture;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            capture.write(b, off, len);
            if (!streaming && held.size() + (long) len <= capture.limit()) {
                held.write(b, off, len);
                return;
            }
            if (!streaming) {
                streaming = true;
                held.writeTo(out);
                held.reset();
            }
            out.write(b, off, len);
        }

        /** Flushes are deferred while bytes are held back. */
        @Override
        public void flush() throws IOException {
            if (streaming) {
                out.flush();
            }
        }

        /** The runtime closes the real stream itself, after {@link #release()}. */
        @Override
        public void close() throws IOException {
            flush();
        }

        void release() throws IOException {
            if (!streaming) {
                held.writeTo(out);
                held.reset();
            }
            out.flush();
        }
    }
}
