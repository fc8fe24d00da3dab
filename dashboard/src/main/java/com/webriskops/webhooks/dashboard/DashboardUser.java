package com.webriskops.webhooks.dashboard;

import com.webriskops.webhooks.sender.spi.TargetStore;
import java.util.Objects;

/**
 * Who signed in to the dashboard: the owner whose targets and deliveries they see (and nothing else),
 * their name for the audit log, and whether they may act (retry, cancel, re-approve, download,
 * disable) or only read. Immutable.
 *
 * @param owner the owner of the targets and deliveries shown, as {@link TargetStore} keeps it
 * @param name who acts, as the audit log records it (never a token)
 * @param mayAct false for read-only callers: every action answers 403
 */
public record DashboardUser(String owner, String name, boolean mayAct) {
    /**
     * @throws IllegalArgumentException if {@code owner} or {@code name} is blank or longer than {@value
     *     TargetStore#MAX_OWNER_LENGTH} characters
     */
    public DashboardUser {
        TargetStore.checkOwner(owner);
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > TargetStore.MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("name must be 1 to " + TargetStore.MAX_OWNER_LENGTH + " characters");
        }
    }
}
