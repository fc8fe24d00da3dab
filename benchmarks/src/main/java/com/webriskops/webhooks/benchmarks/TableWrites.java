package com.webriskops.webhooks.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What PostgreSQL wrote for a counted run, read from its statistics views: row inserts, updates (and
 * how many of them were HOT, i.e. wrote no index entry) and deletes per table of one table prefix,
 * with the number of indexes each insert or non-HOT update adds an entry to. It explains a database
 * row's cost where a CPU figure alone cannot: a row update that changes an indexed column is a new
 * row version and a new entry in every index of its table.
 *
 * <p>A backend reports its counters when a transaction ends at most once a second, and an idle one
 * may hold them for 10 s more, but one that exits reports them at once: so the writes before a count
 * and the counted writes are each made on connections closed before the count is read, and both ends
 * also wait until the counters hold still. Flyway's history table is left out: it is written when the
 * tables are made, not by the run.
 */
final class TableWrites {
    private static final String COUNTERS = "SELECT t.relname, t.n_tup_ins, t.n_tup_upd, t.n_tup_hot_upd, t.n_tup_del,"
            + " (SELECT COUNT(*) FROM pg_index i WHERE i.indrelid = t.relid) AS indexes"
            + " FROM pg_stat_user_tables t WHERE t.relname LIKE ? ORDER BY t.relname";

    /** One table's counters: inserts, updates, HOT updates, deletes, and how many indexes it has. */
    private record Counters(long inserts, long updates, long hotUpdates, long deletes, long indexes) {}

    private final DataSource source;
    private final String prefix;
    private final Map<String, Counters> before;

    private TableWrites(DataSource source, String prefix, Map<String, Counters> before) {
        this.source = source;
        this.prefix = prefix;
        this.before = before;
    }

    /** Reads the counters of the tables named {@code prefix*} once earlier writes have been reported. */
    static TableWrites start(DataSource source, String prefix) throws SQLException, InterruptedException {
        return new TableWrites(source, prefix, settled(source, prefix));
    }

    /**
     * Describes what was written since {@link #start} per {@code unit}, once the run's writes have been
     * reported, e.g. "per request (pg_stat_user_tables, counted over 200 requests): nonces 1.00
     * inserts (2 indexes); ...".
     */
    String since(long units, String unit, String plural) throws SQLException, InterruptedException {
        Map<String, Counters> after = settled(source, prefix);
        List<String> tables = new ArrayList<>();
        long indexEntries = 0;
        long rowVersions = 0;
        for (Map.Entry<String, Counters> table : after.entrySet()) {
            Counters now = table.getValue();
            Counters then = before.getOrDefault(table.getKey(), new Counters(0, 0, 0, 0, now.indexes()));
            long inserts = now.inserts() - then.inserts();
            long updates = now.updates() - then.updates();
            long hot = now.hotUpdates() - then.hotUpdates();
            long deletes = now.deletes() - then.deletes();
            if (inserts + updates + deletes == 0) {
                continue;
            }
            rowVersions += inserts + updates;
            indexEntries += (inserts + updates - hot) * now.indexes();
            List<String> writes = new ArrayList<>();
            if (inserts > 0) {
                writes.add(String.format(Locale.ROOT, "%.2f inserts", inserts / (double) units));
            }
            if (updates > 0) {
                writes.add(String.format(
                        Locale.ROOT, "%.2f updates (%.0f%% HOT)", updates / (double) units, 100.0 * hot / updates));
            }
            if (deletes > 0) {
                writes.add(String.format(Locale.ROOT, "%.2f deletes", deletes / (double) units));
            }
            tables.add(table.getKey().substring(prefix.length()) + " " + String.join(", ", writes) + " ("
                    + now.indexes() + (now.indexes() == 1 ? " index" : " indexes") + ")");
        }
        return String.format(
                Locale.ROOT,
                "PostgreSQL's row writes per %s (pg_stat_user_tables, counted over %,d %s): %s; %.2f new row versions"
                        + " and %.1f index entries per %s (an insert or an update that is not HOT adds one to every"
                        + " index of its table)",
                unit,
                units,
                plural,
                String.join("; ", tables),
                rowVersions / (double) units,
                indexEntries / (double) units,
                unit);
    }

    /** The counters once they have held still for 1.2 s (a backend reports at most once a second), or after 15 s. */
    private static Map<String, Counters> settled(DataSource source, String prefix)
            throws SQLException, InterruptedException {
        Map<String, Counters> last = read(source, prefix);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_200);
            Map<String, Counters> now = read(source, prefix);
            if (now.equals(last)) {
                break;
            }
            last = now;
        }
        return last;
    }

    private static Map<String, Counters> read(DataSource source, String prefix) throws SQLException {
        Map<String, Counters> tables = new TreeMap<>();
        try (Connection connection = source.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNTERS)) {
            statement.setString(1, prefix.replace("_", "\\_") + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1).endsWith("schema_history")) {
                        continue;
                    }
                    tables.put(
                            rows.getString(1),
                            new Counters(
                                    rows.getLong(2),
                                    rows.getLong(3),
                                    rows.getLong(4),
                                    rows.getLong(5),
                                    rows.getLong(6)));
                }
            }
        }
        return tables;
    }
}
