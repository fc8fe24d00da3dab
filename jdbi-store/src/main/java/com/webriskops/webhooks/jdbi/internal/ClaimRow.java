package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;

/** A key's row after a claim attempt: its token (null once completed) and when it expires. */
public record ClaimRow(@Nullable String token, long expiresAtMs) {}
