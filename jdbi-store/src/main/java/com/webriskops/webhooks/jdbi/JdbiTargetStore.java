package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TargetStore} in a database table ({@code <prefix>export_targets}, migrations {@code V4} and {@code V6}),
 * shared by every instance that uses the same database. Obtain one from {@link JdbiStores}.
 *
 * <p>The table holds a target's settings only, never a signing secret: secrets come from the
 * application's {@link com.webriskops.webhooks.sender.spi.CredentialProvider} (its vault or secret
 * manager), joined at attempt time by {@link #lookup}. Each call is one short statement.
 *
 * <p>Immutable and thread-safe; every call borrows a connection and returns it.
 */
public final class JdbiTargetStore implements TargetStore {
    private final TargetSql sql;
    private static final Logger LOG = LoggerFactory.getLogger(JdbiTargetStore.class);

    private final String table;

    JdbiTargetStore(TargetSql sql, String tablePrefix) {
        this.sql = sql;
        this.table = tablePrefix + "export_targets";
    }

    /**
     * {@inheritDoc} The insert and the read-back of the stored target run in one database transaction.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    public StoredTarget create(String owner, ExportTarget target, Instant now) {
        return create(owner, target, now, stored -> {});
    }

    /**
     * {@inheritDoc} The insert and {@code alongside} run in one database transaction: the row is
     * committed only when {@code alongside} returns, and rolled back when it throws.
     *
     * @throws StoreException if the database could not be reached or a statement failed
     */
    @Override
    public StoredTarget create(String owner, ExportTarget target, Instant now, Consumer<StoredTarget> alongside) {
        TargetStore.checkOwner(owner);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(alongside, "alongside");
        long nowMs = Times.epochMillis(now);
        return StoreErrors.run(
                "create an export target",
                () -> sql.inTransaction(handle -> {
                    long id = sql.insert(handle, owner, target, nowMs);
                    StoredTarget stored = sql.find(handle, id)
                            .map(JdbiTargetStore::toStored)
                            .orElseThrow(
                                    () -> new StoreException("The export target just created could not be read back"));
                    alongside.accept(stored);
                    return stored;
                }));
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    @Nullable
    public StoredTarget find(long id) {
        return StoreErrors.run("read an export target", () -> sql.find(id))
                .map(JdbiTargetStore::toStored)
                .orElse(null);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public List<StoredTarget> list(long afterId, int limit) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST_LIMIT + ", not " + limit);
        }
        List<StoredTarget> page = new ArrayList<>();
        for (TargetRow row : StoreErrors.run("list export targets", () -> sql.list(afterId, limit))) {
            page.add(toStored(row));
        }
        return page;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public List<StoredTarget> list(String owner, long afterId, int limit) {
        Objects.requireNonNull(owner, "owner");
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST_LIMIT + ", not " + limit);
        }
        List<StoredTarget> page = new ArrayList<>();
        for (TargetRow row : StoreErrors.run("list export targets", () -> sql.list(owner, afterId, limit))) {
            page.add(toStored(row));
        }
        return page;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public boolean disable(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        long nowMs = Times.epochMillis(now);
        if (StoreErrors.run("disable an export target", () -> sql.disable(id, nowMs)) > 0) {
            return true;
        }
        return StoreErrors.run("read an export target", () -> sql.count(id)) > 0;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the database could not be reached or the statement failed
     */
    @Override
    public boolean delete(long id) {
        return StoreErrors.run("delete an export target", () -> sql.delete(id)) > 0;
    }

    @Override
    public String toString() {
        return "JdbiTargetStore[table=" + table + "]";
    }

    private static StoredTarget toStored(TargetRow row) {
        List<Cidr> allowlist = new ArrayList<>();
        if (!row.privateNetworkAllowlist().isEmpty()) {
            for (String cidr : row.privateNetworkAllowlist().split(",")) {
                try {
                    allowlist.add(Cidr.parse(cidr));
                } catch (IllegalArgumentException e) {
                    // A row written before mapped spellings were refused (such as 127.0.0.1/128): drop
                    // the entry (less reach, never more) instead of failing every read of the table.
                    LOG.warn("Export target {} holds an unreadable private_network_allowlist entry; ignored", row.id());
                }
            }
        }
        ExportTarget target = ExportTarget.builder()
                .id(row.id())
                .providerKey(providerKey(row.providerKey()))
                .baseUrl(row.baseUrl())
                .deploymentMode(DeploymentMode.fromWireName(row.deploymentMode()))
                .name(row.name())
                .signingEnabled(row.signingEnabled())
                .privateNetworkPolicy(PrivateNetworkPolicy.fromWireName(row.privateNetworkPolicy()))
                .privateNetworkAllowlist(allowlist)
                .build();
        return new StoredTarget(
                row.owner(),
                target,
                row.disabledAtMs() == null ? null : Instant.ofEpochMilli(row.disabledAtMs()),
                Instant.ofEpochMilli(row.createdAtMs()),
                Instant.ofEpochMilli(row.updatedAtMs()));
    }

    private static ProviderKey providerKey(String wireName) {
        for (ProviderKey key : ProviderKey.values()) {
            if (key.wireName().equals(wireName)) {
                return key;
            }
        }
        throw new StoreException("An export target row holds an unknown provider_key");
    }
}
