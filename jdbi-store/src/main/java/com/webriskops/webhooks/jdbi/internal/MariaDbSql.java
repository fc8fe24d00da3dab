package com.webriskops.webhooks.jdbi.internal;

import java.util.concurrent.ThreadLocalRandom;
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
 * MariaDB (10.5 or later): {@code INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING}, which locks the
 * existing row and returns it as written. Row counts are not used to tell an insert from a
 * duplicate, because they depend on the connection's {@code useAffectedRows} setting; instead the
 * writer compares the returned {@code write_id} or token with its own. MySQL assigns left to right,
 * so each {@code IF} tests the old expiry before {@code expires_at_ms} itself is assigned last.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ClaimRowMapper.class)
public interface MariaDbSql extends StoreSql {
    @Override
    default boolean recordNonce(String table, String nonce, long nowMs, long expiresAtMs) {
        long writeId = ThreadLocalRandom.current().nextLong();
        return upsertNonce(table, nonce, writeId, nowMs, expiresAtMs) == writeId;
    }

    @SqlQuery("INSERT INTO <table> (nonce, write_id, expires_at_ms) VALUES (:nonce, :writeId, :expiresAtMs)"
            + " ON DUPLICATE KEY UPDATE"
            + " write_id = IF(expires_at_ms \\<= :nowMs, VALUES(write_id), write_id),"
            + " expires_at_ms = IF(expires_at_ms \\<= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
            + " RETURNING write_id")
    long upsertNonce(
            @Define("table") String table,
            @Bind("nonce") String nonce,
            @Bind("writeId") long writeId,
            @Bind("nowMs") long nowMs,
            @Bind("expiresAtMs") long expiresAtMs);

    @Override
    @SqlQuery("INSERT INTO <table> (idem_key, token, expires_at_ms) VALUES (:key, :token, :leaseEndMs)"
            + " ON DUPLICATE KEY UPDATE"
            + " token = IF(expires_at_ms \\<= :nowMs, VALUES(token), token),"
            + " expires_at_ms = IF(expires_at_ms \\<= :nowMs, VALUES(expires_at_ms), expires_at_ms)"
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
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs ORDER BY expires_at_ms LIMIT :limit")
    int purgeNonces(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);

    @Override
    @SqlUpdate("DELETE FROM <table> WHERE expires_at_ms \\<= :nowMs ORDER BY expires_at_ms LIMIT :limit")
    int purgeKeys(@Define("table") String table, @Bind("nowMs") long nowMs, @Bind("limit") int limit);
}
