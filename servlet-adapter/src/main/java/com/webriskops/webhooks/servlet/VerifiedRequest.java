package com.webriskops.webhooks.servlet;

import jakarta.annotation.Nullable;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The request the application sees after a delivery was verified: its entity is the exact bytes the
 * pipeline verified, and every call to {@link #getInputStream()} or {@link #getReader()} starts a fresh
 * stream over them, in any order and any number of times. The reader decodes them as UTF-8 whatever
 * the unsigned {@code charset} of the {@code Content-Type} says.
 */
final class VerifiedRequest extends HttpServletRequestWrapper {
    private final byte[] body;
    private final ServletResponse response;

    @Nullable
    private String characterEncoding;

    VerifiedRequest(HttpServletRequest request, ServletResponse response, byte[] body) {
        super(request);
        this.response = response;
        this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
        return new BytesServletInputStream(body);
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    /**
     * UTF-8, the protocol's encoding, unless the application chose another with {@link
     * #setCharacterEncoding}: the {@code charset} of the request's {@code Content-Type} is not signed,
     * so it must not change what the application reads.
     */
    @Override
    public String getCharacterEncoding() {
        return characterEncoding != null ? characterEncoding : StandardCharsets.UTF_8.name();
    }

    /**
     * Kept here rather than passed on: containers ignore a new encoding once the entity was read, and the
     * pipeline has read it.
     */
    @Override
    public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
        lookUp(encoding);
        this.characterEncoding = encoding;
    }

    /** Servlet 6.1's overload; a plain method on Servlet 6.0. */
    public void setCharacterEncoding(Charset encoding) {
        this.characterEncoding = encoding.name();
    }

    /**
     * Keeps this wrapper as the async request, so the body stays readable from {@link
     * AsyncContext#getRequest()}.
     */
    @Override
    public AsyncContext startAsync() {
        beforeAsync();
        return getRequest().startAsync(this, response);
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        beforeAsync();
        return super.startAsync(request, response);
    }

    /**
     * Once the application goes asynchronous its answer may be completed on another thread at any
     * time, so an answer held back for recording must start flowing now.
     */
    private void beforeAsync() {
        if (response instanceof CapturingResponse capturing) {
            try {
                capturing.release();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Charset charset() throws UnsupportedEncodingException {
        return characterEncoding == null ? StandardCharsets.UTF_8 : lookUp(characterEncoding);
    }

    private static Charset lookUp(String name) throws UnsupportedEncodingException {
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            UnsupportedEncodingException unsupported = new UnsupportedEncodingException(name);
            unsupported.initCause(e);
            throw unsupported;
        }
    }
}
