package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;
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
 * The statements of the idempotent response store, each one round trip. Table names come from a
 * validated prefix; times are epoch milliseconds.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(ResponseRowMapper.class)
public interface ResponseSql {
    /** The columns every read returns. */
    String COLUMNS = "scope, idem_key, fingerprint, token, expires_at_ms, status_code, content_type, body";

    /**
     * Claims the scoped key under {@code token} unless an unexpired row holds it, replacing an expired
     * row, and returns the row as it is afterwards: the claim is won when its token is {@code token}.
     */
    ResponseRow claim(
            String table, String scope, String key, String fingerprint, String token, long nowMs, long leaseEndMs);

    // The same statements on every dialect; only claim and purge differ.

    @SqlUpdate("UPDATE <table> SET token = NULL, status_code = :status, content_type = :contentType, body = :body,"
            + " expires_at_ms = :expiresAtMs WHERE scope = :scope AND idem_key = :key AND token = :token")
    int complete(
            @Define("table") String table,
            @Bind("scope") String scope,
            @Bind("key") String key,
            @Bind("token") String token,
            @Bind("status") int status,
            @Bind("contentType") @Nullable String contentType,
            @Bind("body") byte[] body,
            @Bind("expiresAtMs") long expiresAtMs);

    @SqlUpdate("DELETE FROM <table> WHERE scope = :scope AND idem_key = :key AND token = :token")
    int release(
            @Define("table") String table,
            @Bind("scope") String scope,
            @Bind("key") String key,
            @Bind("token") String token);

    @Nullable
    @SqlQuery("SELECT " + COLUMNS + " FROM <table> WHERE scope = :scope AND idem_key = :key AND expires_at_ms > :nowMs")
    ResponseRow find(
            @Define("table") String table,
            @Bind("scope") String scope,
            @Bind("key") String key,
            @Bind("nowMs") long nowMs);

    /** Deletes at most {@code limit} rows that expired at or before {@code nowMs}. */
    int purge(String table, long nowMs, int limit);
}
