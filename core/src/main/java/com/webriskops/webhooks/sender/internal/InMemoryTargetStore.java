package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.store.StoreException;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link TargetStore} in this JVM's memory, for tests and demos. Bounded: at most {@link
 * #DEFAULT_MAX_TARGETS} targets (or the number given); {@link #create} throws {@link StoreException}
 * when full. Keeps no secret. Thread-safe: every operation holds one lock briefly.
 */
public final class InMemoryTargetStore implements TargetStore {
    /** Default bound on targets held. */
    public static final int DEFAULT_MAX_TARGETS = 10_000;

    private final Object lock = new Object();
    private final int maxTargets;
    private final TreeMap<Long, StoredTarget> byId = new TreeMap<>();
    private long nextId = 1;

    /** A store holding at most {@link #DEFAULT_MAX_TARGETS}. */
    public InMemoryTargetStore() {
        this(DEFAULT_MAX_TARGETS);
    }

    /**
     * A store holding at most {@code maxTargets}.
     *
     * @throws IllegalArgumentException if {@code maxTargets} is not positive
     */
    public InMemoryTargetStore(int maxTargets) {
        if (maxTargets <= 0) {
            throw new IllegalArgumentException("maxTargets must be positive, not " + maxTargets);
        }
        this.maxTargets = maxTargets;
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreException if the store holds {@code maxTargets} already
     */
    @Override
    public StoredTarget create(String owner, ExportTarget target, Instant now) {
        TargetStore.checkOwner(owner);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            if (byId.size() >= maxTargets) {
                throw new StoreException("The in-memory target store is full (" + maxTargets + " targets)");
            }
            long id = nextId++;
            ExportTarget stored =
                    target.toBuilder().id(id).signingSecrets(List.of()).build();
            StoredTarget row = new StoredTarget(owner, stored, null, now, now);
            byId.put(id, row);
            return row;
        }
    }

    @Override
    @Nullable
    public StoredTarget find(long id) {
        synchronized (lock) {
            return byId.get(id);
        }
    }

    @Override
    public List<StoredTarget> list(long afterId, int limit) {
        return page(null, afterId, limit);
    }

    @Override
    public List<StoredTarget> list(String owner, long afterId, int limit) {
        return page(Objects.requireNonNull(owner, "owner"), afterId, limit);
    }

    private List<StoredTarget> page(@Nullable String owner, long afterId, int limit) {
        if (limit < 1 || limit > MAX_LIST_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIST_LIMIT + ", not " + limit);
        }
        synchronized (lock) {
            List<StoredTarget> page = new ArrayList<>();
            for (StoredTarget row : byId.tailMap(afterId, false).values()) {
                if (page.size() == limit) {
                    break;
                }
                if (owner == null || owner.equals(row.owner())) {
                    page.add(row);
                }
            }
            return page;
        }
    }

    @Override
    public boolean disable(long id, Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (lock) {
            StoredTarget row = byId.get(id);
            if (row == null) {
                return false;
            }
            if (row.active()) {
                byId.put(id, new StoredTarget(row.owner(), row.target(), now, row.createdAt(), now));
            }
            return true;
        }
    }

    @Override
    public boolean delete(long id) {
        synchronized (lock) {
            return byId.remove(id) != null;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "InMemoryTargetStore[targets=" + byId.size() + "]";
        }
    }
}
