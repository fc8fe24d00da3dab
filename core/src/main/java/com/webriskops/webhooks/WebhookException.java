package com.webriskops.webhooks;

/**
 * The root of every exception this kit throws on purpose. Unchecked, and always keeps its cause.
 *
 * <p>A delivery that fails verification is not an exception: it is a normal result (see {@code
 * ReceiveResult}). Exceptions mean "the kit could not do its job", for instance because a store is
 * unreachable. Messages never contain secrets, signatures or request bodies.
 */
public class WebhookException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebhookException(String message) {
        super(message);
    }

    public WebhookException(String message, Throwable cause) {
        super(message, cause);
    }
}
