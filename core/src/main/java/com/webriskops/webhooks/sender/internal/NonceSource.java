package com.webriskops.webhooks.sender.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Supplies a fresh nonce for every attempt. Values must satisfy {@link
 * com.webriskops.webhooks.protocol.WebhookProtocol#isValidNonce} and never repeat; the sender checks
 * the format and throws {@link IllegalStateException} for a malformed one. Implementations must be
 * thread-safe.
 */
@FunctionalInterface
public interface NonceSource {
    /** 24 URL-safe Base64 characters from 18 bytes of {@link SecureRandom}. Thread-safe. */
    static NonceSource secureRandom() {
        SecureRandom random = new SecureRandom();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }

    /** The next nonce. */
    String next();
}
