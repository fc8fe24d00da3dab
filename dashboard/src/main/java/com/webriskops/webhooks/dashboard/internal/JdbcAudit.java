package com.webriskops.webhooks.dashboard.internal;

import com.webriskops.webhooks.dashboard.DashboardAudit;
import com.webriskops.webhooks.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DashboardAudit} in {@code <prefix>dashboard_actions} (the JDBI store's migration {@code
 * V8}), through plain JDBC: one insert per action, one indexed read per page. Thread-safe.
 */
public final class JdbcAudit implements DashboardAudit {
    private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final DataSource dataSource;
    private final String table;
    private final String insert;
    private final String recent;

    public JdbcAudit(DataSource dataSource, String tablePrefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(tablePrefix, "tablePrefix");
        if (!TABLE_PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("tablePrefix must match [a-z][a-z0-9_]{0,30}");
        }
        this.table = tablePrefix + "dashboard_actions";
        this.insert = "INSERT INTO " + table
                + " (owner, actor, action, subject_type, subject_id, outcome, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.recent = "SELECT owner, actor, action, subject_type, subject_id, outcome, at_ms FROM " + table
                + " WHERE owner = ? AND subject_type = ? AND subject_id = ? ORDER BY id DESC LIMIT ?";
    }

    @Override
    public void record(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(insert)) {
            s.setString(1, entry.owner());
            s.setString(2, entry.actor());
            s.setString(3, entry.action());
            s.setString(4, entry.subjectType());
            s.setLong(5, entry.subjectId());
            s.setString(6, entry.outcome());
            s.setLong(7, entry.at().toEpochMilli());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("Could not record a dashboard action (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public List<Entry> recent(String owner, String subjectType, long subjectId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(recent)) {
            s.setString(1, owner);
            s.setString(2, subjectType);
            s.setLong(3, subjectId);
            s.setInt(4, Math.max(1, Math.min(limit, MAX_RECENT)));
            List<Entry> result = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Entry(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7))));
                }
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("Could not read dashboard actions (SQLState " + e.getSQLState() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcAudit[table=" + table + "]";
    }
}
