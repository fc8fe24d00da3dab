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
 * MariaDB (10.5 or later): the claim is {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}.
 * MySQL assigns left to right, so every {@code IF} tests the old expiry and {@code expires_at_ms}
 * itself is assigned last. The writer tells a won claim by the returned token.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ResponseRowMapper.class)
public interface MariaDbResponseSql extends ResponseSql {
    @Override
    @SqlQuery("INSERT INTO <table> (scope, idem_key, fingerprint, token, expires_at_ms)"
            + " VALUES (:scope, :key, :fingerprint, :token, :leaseEndMs)"
            + " ON DUPLICATE KEY UPDATE"
            + " fingerprint = IF(expires_at_ms \\<= :nowMs, VALUES(fingerprint), fingerprint),"
            + " token = IF(expires_at_ms \\<= :nowMs, VALUES(token), token),"
            + " status_code = IF(expires_at_ms \\<= :nowMs, NULL, status_code),"
            + " content_type = IF(expires_at_ms \\<= :nowMs, NULL, content_type),"
            + " body = IF(expires_at_ms \\<= :nowMs, NULL, body),"
            + " expires_at_ms = IF(expires_at_ms \\<= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
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
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs ORDER BY expires_at_ms LIMIT :limit")
    int purge(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
