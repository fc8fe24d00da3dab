package com.webriskops.webhooks.jaxrs.api;

/**
 * Decides whether a call to the ticket-export API may run: the application's authentication, plugged
 * into {@link TicketExportApiFeature}. {@link BearerTokenAuthoriser} checks {@code Authorization:
 * Bearer} tokens; an application with its own identity system implements this interface.
 *
 * <p>Runs before anything is read or stored (before the {@code Idempotency-Key} is claimed).
 * Implementations must be thread-safe, compare secrets in constant time, and never log a token. An
 * exception thrown here reaches the runtime as a 500.
 */
@FunctionalInterface
public interface ApiAuthoriser {
    /** The verdict on {@code call}; never null. */
    ApiAuthorisation authorise(ApiCall call);
}
