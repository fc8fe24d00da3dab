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
 * H2: {@code MERGE INTO ... USING}, read back through {@code FINAL TABLE}. Two sessions inserting the
 * same new key at once make the later one fail with a unique-key violation; the caller repeats the
 * statement, which then finds the committed row.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ClaimRowMapper.class)
public interface H2Sql extends StoreSql {
    @Override
    @SqlUpdate("MERGE INTO <table> t USING (VALUES (CAST(:nonce AS VARCHAR(128)), CAST(:expiresAtMs AS BIGINT)))"
            + " s(nonce, expires_at_ms) ON t.nonce = s.nonce"
            + " WHEN MATCHED AND t.expires_at_ms \\<= :nowMs THEN UPDATE SET expires_at_ms = s.expires_at_ms"
            + " WHEN NOT MATCHED THEN INSERT (nonce, expires_at_ms) VALUES (s.nonce, s.expires_at_ms)")
    boolean recordNonce(
            @Define("table") String table,
            @Bind("nonce") String nonce,
            @Bind("nowMs") long nowMs,
            @Bind("expiresAtMs") long expiresAtMs);

    @Override
    @SqlQuery("SELECT token, expires_at_ms FROM FINAL TABLE (MERGE INTO <table> t USING (VALUES"
            + " (CAST(:key AS VARCHAR(255)), CAST(:token AS VARCHAR(36)), CAST(:leaseEndMs AS BIGINT)))"
            + " s(idem_key, token, expires_at_ms) ON t.idem_key = s.idem_key"
            + " WHEN MATCHED THEN UPDATE SET"
            + " token = CASE WHEN t.expires_at_ms \\<= :nowMs THEN s.token ELSE t.token END,"
            + " expires_at_ms = CASE WHEN t.expires_at_ms \\<= :nowMs THEN s.expires_at_ms ELSE t.expires_at_ms END"
            + " WHEN NOT MATCHED THEN INSERT (idem_key, token, expires_at_ms)"
            + " VALUES (s.idem_key, s.token, s.expires_at_ms))")
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
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs FETCH FIRST :limit ROWS ONLY")
    int purgeNonces(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs FETCH FIRST :limit ROWS ONLY")
    int purgeKeys(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
