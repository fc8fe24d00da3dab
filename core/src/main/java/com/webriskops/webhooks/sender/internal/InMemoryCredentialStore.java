package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CredentialStore} in this JVM's memory, for tests, demos and applications that load secrets
 * from their vault at start. Secrets are lost on restart. Thread-safe.
 */
public final class InMemoryCredentialStore implements CredentialStore {
    private final Map<Long, List<WebhookSecret>> secrets = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryCredentialStore() {}

    @Override
    public List<WebhookSecret> signingSecrets(long targetId) {
        return secrets.getOrDefault(targetId, List.of());
    }

    /**
     * {@inheritDoc}
     *
     * @throws NullPointerException if {@code secrets} or one of them is null
     */
    @Override
    public void setSigningSecrets(long targetId, List<WebhookSecret> secrets) {
        List<WebhookSecret> copy = List.copyOf(Objects.requireNonNull(secrets, "secrets"));
        if (copy.isEmpty()) {
            this.secrets.remove(targetId);
        } else {
            this.secrets.put(targetId, copy);
        }
    }

    @Override
    public String toString() {
        return "InMemoryCredentialStore[targets=" + secrets.size() + "]";
    }
}
