package com.webriskops.webhooks.jdbi.internal;

import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.config.UseSqlParser;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The export-target store's statements, worded alike in every dialect. {@code <t>} is the targets
 * table; times are epoch milliseconds. No statement touches a secret.
 */
@UseTemplateEngine(DefinedAttributeTemplateEngine.class)
@UseSqlParser(ColonPrefixSqlParser.class)
@RegisterRowMapper(TargetRowMapper.class)
public interface TargetSql {
    @SqlUpdate("INSERT INTO <t> (provider_key, base_url, deployment_mode, name, signing_enabled,"
            + " private_network_policy, private_network_allowlist, created_at_ms, updated_at_ms)"
            + " VALUES (:providerKey, :baseUrl, :deploymentMode, :name, :signingEnabled, :policy, :allowlist,"
            + " :nowMs, :nowMs)")
    @GetGeneratedKeys("id")
    long insert(
            @Define("t") String t,
            @Bind("providerKey") String providerKey,
            @Bind("baseUrl") String baseUrl,
            @Bind("deploymentMode") String deploymentMode,
            @Bind("name") @Nullable String name,
            @Bind("signingEnabled") boolean signingEnabled,
            @Bind("policy") String privateNetworkPolicy,
            @Bind("allowlist") String privateNetworkAllowlist,
            @Bind("nowMs") long nowMs);

    @SqlQuery("SELECT * FROM <t> WHERE id = :id")
    Optional<TargetRow> find(@Define("t") String t, @Bind("id") long id);

    @SqlQuery("SELECT * FROM <t> WHERE id > :afterId ORDER BY id LIMIT :limit")
    List<TargetRow> list(@Define("t") String t, @Bind("afterId") long afterId, @Bind("limit") int limit);

    @SqlUpdate(
            "UPDATE <t> SET disabled_at_ms = :nowMs, updated_at_ms = :nowMs WHERE id = :id AND disabled_at_ms IS NULL")
    int disable(@Define("t") String t, @Bind("id") long id, @Bind("nowMs") long nowMs);

    @SqlQuery("SELECT COUNT(*) FROM <t> WHERE id = :id")
    int count(@Define("t") String t, @Bind("id") long id);

    @SqlUpdate("DELETE FROM <t> WHERE id = :id")
    int delete(@Define("t") String t, @Bind("id") long id);
}
