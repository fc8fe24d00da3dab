package com.webriskops.webhooks.sender.spi;

import com.webriskops.webhooks.sender.internal.InMemoryTargetStore;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The export targets an application has configured: created, listed, read, disabled and deleted
 * (the revoke path). A store keeps a target's settings only: signing secrets are credentials, held
 * by a {@link CredentialProvider} (the application's vault, or a {@link CredentialStore}), and never
 * written to the store. {@link #lookup(CredentialProvider)} joins the two into the {@link
 * TargetLookup} a {@link Dispatcher} uses at attempt time.
 *
 * <p>Implementations must be thread-safe. Store failures are {@link
 * com.webriskops.webhooks.store.StoreException}s.
 */
public interface TargetStore {
    /** Most targets one {@link #list} call returns. */
    int MAX_LIST_LIMIT = 500;

    /**
     * The owner of targets created without one, and of the rows that existed before stores kept
     * owners (the migration gives them this owner).
     */
    String DEFAULT_OWNER = "default";

    /** Longest owner name a store keeps. */
    int MAX_OWNER_LENGTH = 128;

    /**
     * Stores {@code target} as a new, active target of {@link #DEFAULT_OWNER}; see {@link
     * #create(String, ExportTarget, Instant)}.
     */
    default StoredTarget create(ExportTarget target, Instant now) {
        return create(DEFAULT_OWNER, target, now);
    }

    /**
     * Stores {@code target} as a new, active target of {@code owner} with a new id (the target's own
     * id and signing secrets are ignored: secrets are never stored here). Ids are never reused, and a
     * target's owner never changes.
     *
     * @param owner who the target belongs to: the API caller, or the tenant the application resolved
     *     from it; 1 to {@link #MAX_OWNER_LENGTH} characters
     * @return the stored target, with its id and owner
     * @throws IllegalArgumentException if {@code owner} is blank or too long
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot take it
     */
    StoredTarget create(String owner, ExportTarget target, Instant now);

    /**
     * Stores {@code target} like {@link #create(String, ExportTarget, Instant)}, then runs {@code
     * alongside} with the stored target (such as writing its signing secrets to a {@link
     * CredentialStore}) as part of the same create: when {@code alongside} throws, no target stays
     * stored and its exception is rethrown. A database store runs both in one transaction; this default
     * deletes the target again, so a store that cannot roll back still leaves nothing half-created.
     *
     * @throws com.webriskops.webhooks.store.StoreException if the store cannot take the target
     * @throws RuntimeException whatever {@code alongside} throws, after the target was undone
     */
    default StoredTarget create(String owner, ExportTarget target, Instant now, Consumer<StoredTarget> alongside) {
        Objects.requireNonNull(alongside, "alongside");
        StoredTarget stored = create(owner, target, now);
        try {
            alongside.accept(stored);
        } catch (RuntimeException e) {
            try {
                delete(stored.id());
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        return stored;
    }

    /**
     * The target with this id whoever owns it, active or disabled, without secrets; null when there
     * is none. For the dispatcher and the application's own administration: anything answering a
     * caller uses {@link #find(String, long)}.
     */
    @Nullable
    StoredTarget find(long id);

    /**
     * The target with this id when {@code owner} owns it; null when there is none or another owner
     * has it (the two are not told apart).
     */
    @Nullable
    default StoredTarget find(String owner, long id) {
        Objects.requireNonNull(owner, "owner");
        StoredTarget stored = find(id);
        return stored != null && stored.owner().equals(owner) ? stored : null;
    }

    /**
     * Up to {@code limit} targets of {@code owner} whose id is greater than {@code afterId}, in id
     * order (pass 0 for the first page, then the last id seen).
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to {@link #MAX_LIST_LIMIT}
     */
    List<StoredTarget> list(String owner, long afterId, int limit);

    /**
     * Disables the target when {@code owner} owns it; see {@link #disable(long, Instant)}.
     *
     * @return false if there is no such target or another owner has it
     */
    default boolean disable(String owner, long id, Instant now) {
        // Owners never change and ids are never reused, so the check cannot go stale.
        return find(owner, id) != null && disable(id, now);
    }

    /**
     * Deletes the target when {@code owner} owns it; see {@link #delete(long)}.
     *
     * @return false if there is no such target or another owner has it
     */
    default boolean delete(String owner, long id) {
        return find(owner, id) != null && delete(id);
    }

    /** Checks an owner name: not blank, at most {@link #MAX_OWNER_LENGTH} characters. */
    static String checkOwner(String owner) {
        Objects.requireNonNull(owner, "owner");
        if (owner.isBlank() || owner.length() > MAX_OWNER_LENGTH) {
            throw new IllegalArgumentException("owner must be 1 to " + MAX_OWNER_LENGTH + " characters, not blank");
        }
        return owner;
    }

    /**
     * Up to {@code limit} targets of every owner whose id is greater than {@code afterId}, in id order
     * (pass 0 for the first page, then the last id seen); for the application's own administration.
     *
     * @throws IllegalArgumentException if {@code limit} is not 1 to {@link #MAX_LIST_LIMIT}
     */
    List<StoredTarget> list(long afterId, int limit);

    /**
     * Disables the target: it stays readable, but no delivery is sent to it any more (its lookup
     * answers null, so the dispatcher blocks its deliveries). Disabling a disabled target changes
     * nothing.
     *
     * @return false if there is no such target
     */
    boolean disable(long id, Instant now);

    /**
     * Deletes the target. Its pending deliveries are then blocked at their next attempt.
     *
     * @return false if there was no such target
     */
    boolean delete(long id);

    /**
     * The dispatcher's view of this store: the active target with this id, with the signing secrets
     * {@code credentials} holds for it; null when the target is missing or disabled. Thread-safe like
     * the store and the provider.
     */
    default TargetLookup lookup(CredentialProvider credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return targetId -> {
            StoredTarget stored = find(targetId);
            if (stored == null || !stored.active()) {
                return null;
            }
            return stored.target().toBuilder()
                    .signingSecrets(credentials.signingSecrets(targetId))
                    .build();
        };
    }

    /**
     * A target as a {@link TargetStore} holds it: the target's settings (never its signing secrets, which
     * live with a {@link CredentialProvider}), whether it was disabled, and when it was created and last
     * changed. Immutable and thread-safe.
     *
     * @param owner who the target belongs to
     * @param target the settings, with the store's id and no signing secrets
     * @param disabledAt when it was disabled, or null while it is active
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     */
    public record StoredTarget(
            String owner, ExportTarget target, @Nullable Instant disabledAt, Instant createdAt, Instant updatedAt) {

        /**
         * @throws NullPointerException if {@code owner}, {@code target}, {@code createdAt} or {@code
         *     updatedAt} is null
         */
        public StoredTarget {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }

        /** A target of {@link TargetStore#DEFAULT_OWNER}. */
        public StoredTarget(ExportTarget target, @Nullable Instant disabledAt, Instant createdAt, Instant updatedAt) {
            this(DEFAULT_OWNER, target, disabledAt, createdAt, updatedAt);
        }

        /** The store's id of the target. */
        public long id() {
            return target.id();
        }

        /** True while the target may receive deliveries (it was not disabled). */
        public boolean active() {
            return disabledAt == null;
        }
    }

    /**
     * Finds a delivery's target at attempt time, so a fixed URL or a rotated secret applies to the next
     * attempt (the {@link com.webriskops.webhooks.sender.outbox.Dispatcher} reuses what it found for a
     * batch's deliveries to the same target for up to a second). Must be thread-safe.
     */
    @FunctionalInterface
    public interface TargetLookup {
        /** The target with this id, or null when it no longer exists (the delivery is then blocked). */
        @Nullable
        ExportTarget find(long targetId);
    }

    /**
     * A store in this JVM's memory holding at most 10,000 targets, for tests and demos; see {@link
     * #inMemory(int)}.
     */
    static TargetStore inMemory() {
        return new InMemoryTargetStore();
    }

    /**
     * A store in this JVM's memory holding at most {@code maxTargets}; {@link #create} throws {@link
     * com.webriskops.webhooks.store.StoreException} when full. Keeps no secret. Thread-safe: every
     * operation holds one lock briefly.
     *
     * @throws IllegalArgumentException if {@code maxTargets} is not positive
     */
    static TargetStore inMemory(int maxTargets) {
        return new InMemoryTargetStore(maxTargets);
    }
}
