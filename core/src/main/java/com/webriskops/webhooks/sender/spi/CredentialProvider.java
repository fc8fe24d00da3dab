package com.webriskops.webhooks.sender.spi;

import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.List;

/**
 * Where a target's signing secrets come from: the application's vault or secret manager, or a
 * {@link CredentialStore}. Secrets are looked up at attempt time, so a rotation applies to the next
 * attempt. Implementations must be thread-safe and must never log a secret.
 */
@FunctionalInterface
public interface CredentialProvider {
    /**
     * The signing secrets of the target with this id, newest first (several during a rotation); empty
     * when none is held.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the secrets could not be read
     */
    List<WebhookSecret> signingSecrets(long targetId);
}
