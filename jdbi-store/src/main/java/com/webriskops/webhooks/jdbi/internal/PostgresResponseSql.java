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
 * PostgreSQL: the claim is {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, which locks the
 * conflicting row and re-checks the expiry on its newest version; every {@code CASE} reads the old row.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ResponseRowMapper.class)
public interface PostgresResponseSql extends ResponseSql {
    @Override
    @SqlQuery("INSERT INTO <table> AS t (scope, idem_key, fingerprint, token, expires_at_ms)"
            + " VALUES (:scope, :key, :fingerprint, :token, :leaseEndMs)"
            + " ON CONFLICT (scope, idem_key) DO UPDATE SET"
            + " fingerprint = CASE WHEN t.expires_at_ms \\<= :nowMs THEN EXCLUDED.fingerprint ELSE t.fingerprint END,"
            + " token = CASE WHEN t.expires_at_ms \\<= :nowMs THEN EXCLUDED.token ELSE t.token END,"
            + " status_code = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.status_code END,"
            + " content_type = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.content_type END,"
            + " body = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.body END,"
            + " expires_at_ms = CASE WHEN t.expires_at_ms \\<= :nowMs THEN EXCLUDED.expires_at_ms ELSE t.expires_at_ms END"
            + " RETURNING " + COLUMNS)
    ResponseRow claim(
            @Define("table") String table,
            @Bind("scope") String scope,
            @Bind("key") String key,
            @Bind("fingerprint") String fingerprint,
            @Bind("token") String token,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs AND (scope, idem_key) IN"
            + " (SELECT scope, idem_key FROM <table> WHERE expires_at_ms \\<= :nowMs LIMIT :limit"
            + " FOR UPDATE SKIP LOCKED)")
    int purge(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
