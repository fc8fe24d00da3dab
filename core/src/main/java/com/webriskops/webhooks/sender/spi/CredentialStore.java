package com.webriskops.webhooks.sender.spi;

import com.webriskops.webhooks.sender.internal.InMemoryCredentialStore;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.List;

/**
 * A {@link CredentialProvider} whose secrets can be set through the kit (the ticket-export API's
 * credential call). Secrets are write-only from the outside: nothing in the kit ever returns or
 * prints them. Implementations must be thread-safe.
 */
public interface CredentialStore extends CredentialProvider {
    /**
     * Replaces the signing secrets of the target with this id (give the new and the old one during a
     * rotation; an empty list removes them).
     *
     * @throws NullPointerException if {@code secrets} or one of them is null
     * @throws com.webriskops.webhooks.store.StoreException if the secrets could not be written
     */
    void setSigningSecrets(long targetId, List<WebhookSecret> secrets);

    /** Forgets the secrets of the target with this id (its revoke path); a no-op when none is held. */
    default void remove(long targetId) {
        setSigningSecrets(targetId, List.of());
    }

    /**
     * A store in this JVM's memory, for tests, demos and applications that load secrets from their
     * vault at start. Secrets are lost on restart. Thread-safe.
     */
    static CredentialStore inMemory() {
        return new InMemoryCredentialStore();
    }
}
