package com.webriskops.webhooks.sender.target;

import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.TargetStore;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Objects;

/**
 * A target as a {@link TargetStore} holds it: the target's settings (never its signing secrets, which
 * live with a {@link CredentialProvider}), whether it was disabled, and when it was created and last
 * changed. Immutable and thread-safe.
 *
 * @param target the settings, with the store's id and no signing secrets
 * @param disabledAt when it was disabled, or null while it is active
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record StoredTarget(ExportTarget target, @Nullable Instant disabledAt, Instant createdAt, Instant updatedAt) {

    /**
     * @throws NullPointerException if {@code target}, {@code createdAt} or {@code updatedAt} is null
     */
    public StoredTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The store's id of the target. */
    public long id() {
        return target.id();
    }

    /** True while the target may receive deliveries (it was not disabled). */
    public boolean active() {
        return disabledAt == null;
    }
}
