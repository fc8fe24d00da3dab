package com.webriskops.webhooks.dashboard;

import com.webriskops.webhooks.dashboard.internal.InMemoryAudit;
import com.webriskops.webhooks.dashboard.internal.JdbcAudit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the dashboard records every operator action (retry now, cancel a retry, re-approve, download
 * a fallback, disable a target) and reads them back for the delivery's and target's pages. Entries
 * never hold a token or a secret. Implementations must be thread-safe.
 */
public interface DashboardAudit {
    /** Most entries one {@link #recent} call returns. */
    int MAX_RECENT = 100;

    /**
     * Records {@code entry}.
     *
     * @throws com.webriskops.webhooks.store.StoreException if it cannot be recorded (the action then
     *     answers 500: an unrecorded action is not taken silently)
     */
    void record(Entry entry);

    /** The latest {@code limit} entries on one subject of {@code owner}, newest first. */
    List<Entry> recent(String owner, String subjectType, long subjectId, int limit);

    /** A log in this JVM's memory keeping the latest 10,000 entries. */
    static DashboardAudit inMemory() {
        return new InMemoryAudit(10_000);
    }

    /**
     * A log in the table {@code webhook_dashboard_actions} on {@code dataSource}, which the JDBI
     * store's migrations create ({@code V8}); see {@link #jdbc(DataSource, String)}.
     */
    static DashboardAudit jdbc(DataSource dataSource) {
        return jdbc(dataSource, "webhook_");
    }

    /**
     * A log in the table {@code <tablePrefix>dashboard_actions} on {@code dataSource} (PostgreSQL,
     * MariaDB or H2), as the JDBI store's migrations create it with the same prefix.
     *
     * @throws IllegalArgumentException if {@code tablePrefix} does not match {@code [a-z][a-z0-9_]{0,30}}
     */
    static DashboardAudit jdbc(DataSource dataSource, String tablePrefix) {
        return new JdbcAudit(dataSource, tablePrefix);
    }

    /**
     * One action.
     *
     * @param owner whose subject it was
     * @param actor who acted ({@link DashboardUser#name()})
     * @param action {@code retry_now}, {@code cancel_retry}, {@code reapprove}, {@code download_csv},
     *     {@code download_md}, {@code download_json} or {@code disable}
     * @param subjectType {@code delivery} or {@code target}
     * @param subjectId the delivery's or target's id
     * @param outcome {@code done}, or why nothing changed (such as {@code not_applicable})
     * @param at when
     */
    record Entry(
            String owner, String actor, String action, String subjectType, long subjectId, String outcome, Instant at) {
        public Entry {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(subjectType, "subjectType");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }
    }
}
