package com.webriskops.webhooks.sender.target;

import jakarta.annotation.Nullable;
import java.util.Objects;

/**
 * The verdict on a target: {@link #ok()}, or blocked with the documented code, the provider-level
 * code and a message that names what to fix (never a secret).
 *
 * @param code null when the target is usable; else {@code generic_webhook_secret_missing} or
 *     {@code generic_webhook_url_unsafe}
 * @param providerCode null when usable; else {@code PROVIDER_AUTH_REQUIRED} or {@code
 *     PROVIDER_BASE_URL_BLOCKED}
 * @param message what was found, such as "base_url resolves to a loopback address"
 */
public record TargetCheck(@Nullable String code, @Nullable String providerCode, String message) {
    public static final String SECRET_MISSING = "generic_webhook_secret_missing";
    public static final String URL_UNSAFE = "generic_webhook_url_unsafe";
    public static final String PROVIDER_AUTH_REQUIRED = "PROVIDER_AUTH_REQUIRED";
    public static final String PROVIDER_BASE_URL_BLOCKED = "PROVIDER_BASE_URL_BLOCKED";

    private static final TargetCheck OK = new TargetCheck(null, null, "ok");

    public TargetCheck {
        Objects.requireNonNull(message, "message");
    }

    static TargetCheck passed() {
        return OK;
    }

    static TargetCheck secretMissing() {
        return new TargetCheck(
                SECRET_MISSING,
                PROVIDER_AUTH_REQUIRED,
                "signing is enabled but the target has no signing_secret, webhook_secret or secret credential");
    }

    static TargetCheck urlUnsafe(String message) {
        return new TargetCheck(URL_UNSAFE, PROVIDER_BASE_URL_BLOCKED, message);
    }

    /** True when the target may receive deliveries. */
    public boolean ok() {
        return code == null;
    }
}
