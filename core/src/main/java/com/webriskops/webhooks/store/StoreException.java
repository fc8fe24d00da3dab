package com.webriskops.webhooks.store;

import com.webriskops.webhooks.WebhookException;

/**
 * A store could not answer: the database is down, a query failed, or a bounded in-memory store is
 * full of entries that have not expired yet. The receiver pipeline answers 503 with {@code
 * Retry-After} for it, the only 5xx it ever gives, so the sender retries later.
 */
public class StoreException extends WebhookException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
