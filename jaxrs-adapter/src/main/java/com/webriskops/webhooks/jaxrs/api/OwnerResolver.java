package com.webriskops.webhooks.jaxrs.api;

/**
 * Maps an authorised caller to the owner of the targets and exports it sees: the caller itself (the
 * default, {@link #principalName()}), or the tenant (workspace, project, organisation) the application
 * keeps for it, so several callers of one tenant share its targets. Every call of the ticket-export
 * API sees only its owner's targets and exports; another owner's id answers 404 exactly as an unknown
 * id does, and {@code Idempotency-Key}s are scoped per owner. Must be thread-safe and fast (it runs on
 * every call); an exception or an owner that is blank or longer than 128 characters answers 403.
 */
@FunctionalInterface
public interface OwnerResolver {
    /** The owner of {@code principal}, the name an {@link ApiAuthoriser} allowed; never null. */
    String owner(String principal);

    /** Each caller owns its own targets and exports: the owner is the principal's name. */
    static OwnerResolver principalName() {
        return principal -> principal;
    }
}
