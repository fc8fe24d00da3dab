package com.webriskops.webhooks.jdbi.internal;

import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.UseSqlParser;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE}, which locks the conflicting row and
 * re-checks its condition on the newest row version, so concurrent writers are serialised.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ClaimRowMapper.class)
public interface PostgresSql extends StoreSql {
    @Override
    @SqlUpdate("INSERT INTO <table> AS t (nonce, expires_at_ms) VALUES (:nonce, :expiresAtMs)"
            + " ON CONFLICT (nonce) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms"
            + " WHERE t.expires_at_ms \\<= :nowMs")
    boolean recordNonce(
            @Define("table") String table,
            @Bind("nonce") String nonce,
            @Bind("nowMs") long nowMs,
            @Bind("expiresAtMs") long expiresAtMs);

    @Override
    @SqlQuery("INSERT INTO <table> AS t (idem_key, token, expires_at_ms) VALUES (:key, :token, :leaseEndMs)"
            + " ON CONFLICT (idem_key) DO UPDATE SET"
            + " token = CASE WHEN t.expires_at_ms \\<= :nowMs THEN EXCLUDED.token ELSE t.token END,"
            + " expires_at_ms = CASE WHEN t.expires_at_ms \\<= :nowMs"
            + " THEN EXCLUDED.expires_at_ms ELSE t.expires_at_ms END"
            + " RETURNING token, expires_at_ms")
    ClaimRow claim(
            @Define("table") String table,
            @Bind("key") String key,
            @Bind("token") String token,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs);

    @Override
    @SqlUpdate("UPDATE <table> SET token = NULL, expires_at_ms = :retentionEndMs"
            + " WHERE idem_key = :key AND token = :token")
    int complete(
            @Define("table") String table,
            @Bind("key") String key,
            @Bind("token") String token,
            @Bind("retentionEndMs") long retentionEndMs);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE idem_key = :key AND token = :token")
    int release(@Define("table") String table, @Bind("key") String key, @Bind("token") String token);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs AND nonce IN"
            + " (SELECT nonce FROM <table> WHERE expires_at_ms \\<= :nowMs LIMIT :limit FOR UPDATE SKIP LOCKED)")
    int purgeNonces(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs AND idem_key IN"
            + " (SELECT idem_key FROM <table> WHERE expires_at_ms \\<= :nowMs LIMIT :limit FOR UPDATE SKIP LOCKED)")
    int purgeKeys(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
