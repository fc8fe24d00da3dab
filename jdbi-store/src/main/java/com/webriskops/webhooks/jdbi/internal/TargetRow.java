package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/** A {@code <prefix>export_targets} row as stored. */
public record TargetRow(
        long id,
        String providerKey,
        String baseUrl,
        String deploymentMode,
        @Nullable String name,
        boolean signingEnabled,
        String privateNetworkPolicy,
        String privateNetworkAllowlist,
        @Nullable Long disabledAtMs,
        long createdAtMs,
        long updatedAtMs) {}
