package com.webriskops.webhooks.jdbi;

import jakarta.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.StatementContext;

/** A {@code <prefix>export_targets} row as stored. */
record TargetRow(
        long id,
        String owner,
        String providerKey,
        String baseUrl,
        String deploymentMode,
        @Nullable String name,
        boolean signingEnabled,
        String privateNetworkPolicy,
        String privateNetworkAllowlist,
        @Nullable Long disabledAtMs,
        long createdAtMs,
        long updatedAtMs) {

    /** The current row of {@code rs}; a JDBI {@link org.jdbi.v3.core.mapper.RowMapper}. */
    static TargetRow map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TargetRow(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("provider_key"),
                rs.getString("base_url"),
                rs.getString("deployment_mode"),
                rs.getString("name"),
                rs.getBoolean("signing_enabled"),
                rs.getString("private_network_policy"),
                rs.getString("private_network_allowlist"),
                Statements.nullableLong(rs, "disabled_at_ms"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"));
    }
}
