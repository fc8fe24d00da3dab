package com.webriskops.webhooks.sender.spi;

import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;

/**
 * Finds a delivery's target at attempt time, so a fixed URL or a rotated secret applies to the next
 * attempt. Must be thread-safe.
 */
@FunctionalInterface
public interface TargetLookup {
    /** The target with this id, or null when it no longer exists (the delivery is then blocked). */
    @Nullable
    ExportTarget find(long targetId);
}
