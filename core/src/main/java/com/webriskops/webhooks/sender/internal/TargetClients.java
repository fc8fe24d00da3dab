package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.WebhookSender;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;

/**
 * Pooled HTTP clients of a {@link WebhookSender}, one per target configuration (id, base URL,
 * deployment mode, private-network policy and allowlist), so a connection is only ever reused for the
 * target configuration whose address guard checked it. Bounded: beyond {@code maxClients} the least
 * recently used client is retired and closed once no attempt uses it any more. Thread-safe.
 */
public final class TargetClients {
    private final int maxClients;
    private final Function<ExportTarget, CloseableHttpClient> factory;
    private final LinkedHashMap<Key, Client> clients = new LinkedHashMap<>(16, 0.75f, true);

    public TargetClients(int maxClients, Function<ExportTarget, CloseableHttpClient> factory) {
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be positive, not " + maxClients);
        }
        this.maxClients = maxClients;
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * A client for {@code target}'s configuration, in use until {@link Client#release()}.
     *
     * @throws IllegalArgumentException if the target's base URL is not a URI
     */
    public Client acquire(ExportTarget target) {
        Key key = Key.of(target);
        Client retired = null;
        Client client;
        synchronized (this) {
            client = clients.get(key);
            if (client == null) {
                URI uri = URI.create(target.baseUrl());
                client = new Client(factory.apply(target), uri);
                clients.put(key, client);
                if (clients.size() > maxClients) {
                    Iterator<Map.Entry<Key, Client>> eldest = clients.entrySet().iterator();
                    retired = eldest.next().getValue();
                    eldest.remove();
                    if (!retired.retire()) {
                        retired = null;
                    }
                }
            }
            client.users++;
        }
        if (retired != null) {
            retired.http.close(CloseMode.GRACEFUL);
        }
        return client;
    }

    /** How many clients are cached. */
    public synchronized int size() {
        return clients.size();
    }

    /** Retires every client; idle ones are closed now, busy ones when their attempt ends. */
    public void closeAll() {
        List<Client> idle = new ArrayList<>();
        synchronized (this) {
            for (Client client : clients.values()) {
                if (client.retire()) {
                    idle.add(client);
                }
            }
            clients.clear();
        }
        idle.forEach(client -> client.http.close(CloseMode.GRACEFUL));
    }

    /** One pooled client and how many attempts use it; guarded by the owning cache's lock. */
    public final class Client {
        /** The pooled client. */
        public final CloseableHttpClient http;

        /** The target's base URL, parsed once: every attempt posts to it. */
        public final URI uri;

        private int users;
        private boolean retired;

        private Client(CloseableHttpClient http, URI uri) {
            this.http = http;
            this.uri = uri;
        }

        /** Marks it retired; true when nobody uses it, so the caller closes it. Holds the cache lock. */
        private boolean retire() {
            retired = true;
            return users == 0;
        }

        /** Ends one use; closes the client if it was retired meanwhile and this was the last use. */
        public void release() {
            boolean close;
            synchronized (TargetClients.this) {
                users--;
                close = retired && users == 0;
            }
            if (close) {
                http.close(CloseMode.GRACEFUL);
            }
        }
    }

    /** What a client's address guard and route depend on. */
    private record Key(
            long targetId, String baseUrl, DeploymentMode mode, PrivateNetworkPolicy policy, List<Cidr> allowlist) {
        static Key of(ExportTarget target) {
            return new Key(
                    target.id(),
                    target.baseUrl(),
                    target.deploymentMode(),
                    target.privateNetworkPolicy(),
                    List.copyOf(target.privateNetworkAllowlist()));
        }
    }
}
