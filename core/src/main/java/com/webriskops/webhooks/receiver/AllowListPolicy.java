package com.webriskops.webhooks.receiver;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Lets through only WebRiskOps deliveries for the listed accounts, projects and targets; 403 {@code
 * WEBHOOK_FORBIDDEN} otherwise. A dimension with nothing listed is not restricted. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * DeliveryPolicy<TicketExportWebhook> policy = AllowListPolicy.builder().allowAccounts(456).allowProjects(789).build();
 * }</pre>
 */
public final class AllowListPolicy implements DeliveryPolicy<TicketExportWebhook> {
    private final Set<Long> accounts;
    private final Set<Long> projects;
    private final Set<Long> targets;

    private AllowListPolicy(Builder builder) {
        this.accounts = Set.copyOf(builder.accounts);
        this.projects = Set.copyOf(builder.projects);
        this.targets = Set.copyOf(builder.targets);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    @Nullable
    public Rejection check(TicketExportWebhook webhook, Instant now) {
        if (!accounts.isEmpty() && !accounts.contains(webhook.account().id())) {
            return Rejection.forbidden("This receiver does not accept deliveries for this account.");
        }
        if (!projects.isEmpty() && !projects.contains(webhook.account().projectId())) {
            return Rejection.forbidden("This receiver does not accept deliveries for this project.");
        }
        if (!targets.isEmpty() && !targets.contains(webhook.target().id())) {
            return Rejection.forbidden("This receiver does not accept deliveries for this target.");
        }
        return null;
    }

    @Override
    public String toString() {
        return "AllowListPolicy[accounts=" + accounts + ", projects=" + projects + ", targets=" + targets + "]";
    }

    /** Builds an {@link AllowListPolicy}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private final Set<Long> accounts = new HashSet<>();
        private final Set<Long> projects = new HashSet<>();
        private final Set<Long> targets = new HashSet<>();

        private Builder() {}

        public Builder allowAccounts(long... ids) {
            for (long id : ids) {
                accounts.add(id);
            }
            return this;
        }

        public Builder allowAccounts(Collection<Long> ids) {
            ids.forEach(id -> accounts.add(Objects.requireNonNull(id, "id")));
            return this;
        }

        public Builder allowProjects(long... ids) {
            for (long id : ids) {
                projects.add(id);
            }
            return this;
        }

        public Builder allowProjects(Collection<Long> ids) {
            ids.forEach(id -> projects.add(Objects.requireNonNull(id, "id")));
            return this;
        }

        public Builder allowTargets(long... ids) {
            for (long id : ids) {
                targets.add(id);
            }
            return this;
        }

        public Builder allowTargets(Collection<Long> ids) {
            ids.forEach(id -> targets.add(Objects.requireNonNull(id, "id")));
            return this;
        }

        /**
         * @throws IllegalStateException if nothing is listed (the policy would allow everything)
         */
        public AllowListPolicy build() {
            if (accounts.isEmpty() && projects.isEmpty() && targets.isEmpty()) {
                throw new IllegalStateException("an allow list needs at least one account, project or target");
            }
            return new AllowListPolicy(this);
        }
    }
}
