package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.List;

/**
 * Chooses the secrets a request is verified with, for receivers whose endpoints have different
 * secrets. Called only for requests whose size, type and signature headers are well formed. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface SecretResolver {
    /**
     * The secrets that may have signed {@code request}; during a rotation, the old and the new one.
     * An empty list rejects the request with 401.
     */
    List<WebhookSecret> secretsFor(InboundRequest request);
}
