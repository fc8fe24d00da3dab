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
 * H2: the claim is {@code MERGE INTO ... USING} read back through {@code FINAL TABLE}. Two sessions
 * inserting the same new key at once make the later one fail with a unique-key violation; the caller
 * repeats the statement, which then finds the committed row.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ResponseRowMapper.class)
public interface H2ResponseSql extends ResponseSql {
    @Override
    @SqlQuery("SELECT " + COLUMNS + " FROM FINAL TABLE (MERGE INTO <table> t USING (VALUES"
            + " (CAST(:scope AS VARCHAR(128)), CAST(:key AS VARCHAR(255)), CAST(:fingerprint AS VARCHAR(64)),"
            + " CAST(:token AS VARCHAR(36)), CAST(:leaseEndMs AS BIGINT)))"
            + " s(scope, idem_key, fingerprint, token, expires_at_ms)"
            + " ON t.scope = s.scope AND t.idem_key = s.idem_key"
            + " WHEN MATCHED THEN UPDATE SET"
            + " fingerprint = CASE WHEN t.expires_at_ms \\<= :nowMs THEN s.fingerprint ELSE t.fingerprint END,"
            + " token = CASE WHEN t.expires_at_ms \\<= :nowMs THEN s.token ELSE t.token END,"
            + " status_code = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.status_code END,"
            + " content_type = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.content_type END,"
            + " body = CASE WHEN t.expires_at_ms \\<= :nowMs THEN NULL ELSE t.body END,"
            + " expires_at_ms = CASE WHEN t.expires_at_ms \\<= :nowMs THEN s.expires_at_ms ELSE t.expires_at_ms END"
            + " WHEN NOT MATCHED THEN INSERT (scope, idem_key, fingerprint, token, expires_at_ms)"
            + " VALUES (s.scope, s.idem_key, s.fingerprint, s.token, s.expires_at_ms))")
    ResponseRow claim(
            @Define("table") String table,
            @Bind("scope") String scope,
            @Bind("key") String key,
            @Bind("fingerprint") String fingerprint,
            @Bind("token") String token,
            @Bind("nowMs") long nowMs,
            @Bind("leaseEndMs") long leaseEndMs);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs FETCH FIRST :limit ROWS ONLY")
    int purge(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
