package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The export-target store's statements, worded alike in every dialect, built once with the table name
 * (from a validated prefix) and run through {@link Statements}. Times are epoch milliseconds. No
 * statement touches a secret. Immutable and thread-safe.
 */
final class TargetSql {
    private final Jdbi jdbi;
    private final String insert;
    private final String find;
    private final String list;
    private final String listOfOwner;
    private final String disable;
    private final String count;
    private final String delete;

    /** The statements on the table {@code <tablePrefix>export_targets}. */
    TargetSql(Jdbi jdbi, String tablePrefix) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        String table = tablePrefix + "export_targets";
        this.insert =
                "INSERT INTO " + table + " (owner, provider_key, base_url, deployment_mode, name, signing_enabled,"
                        + " private_network_policy, private_network_allowlist, created_at_ms, updated_at_ms)"
                        + " VALUES (:owner, :providerKey, :baseUrl, :deploymentMode, :name, :signingEnabled, :policy, :allowlist,"
                        + " :nowMs, :nowMs)";
        this.find = "SELECT * FROM " + table + " WHERE id = :id";
        this.list = "SELECT * FROM " + table + " WHERE id > :afterId ORDER BY id LIMIT :limit";
        this.listOfOwner =
                "SELECT * FROM " + table + " WHERE owner = :owner AND id > :afterId ORDER BY id LIMIT :limit";
        this.disable = "UPDATE " + table + " SET disabled_at_ms = :nowMs, updated_at_ms = :nowMs"
                + " WHERE id = :id AND disabled_at_ms IS NULL";
        this.count = "SELECT COUNT(*) FROM " + table + " WHERE id = :id";
        this.delete = "DELETE FROM " + table + " WHERE id = :id";
    }

    /** Runs {@code call} in one transaction on one handle: it commits when {@code call} returns, else rolls back. */
    <T> T inTransaction(Function<Handle, T> call) {
        return jdbi.inTransaction(call::apply);
    }

    /** Inserts {@code target}'s settings (never its secrets) on {@code handle} and returns its generated id. */
    long insert(Handle handle, String owner, ExportTarget target, long nowMs) {
        String allowlist =
                target.privateNetworkAllowlist().stream().map(Cidr::toString).collect(Collectors.joining(","));
        return Statements.update(handle, insert)
                .bind("owner", owner)
                .bind("providerKey", target.providerKey().wireName())
                .bind("baseUrl", target.baseUrl())
                .bind("deploymentMode", target.deploymentMode().wireName())
                .bind("name", target.name())
                .bind("signingEnabled", target.signingEnabled())
                .bind("policy", target.privateNetworkPolicy().wireName())
                .bind("allowlist", allowlist)
                .bind("nowMs", nowMs)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /** The target {@code id}, if there is one. */
    Optional<TargetRow> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** The target {@code id} as {@code handle} sees it, if there is one. */
    Optional<TargetRow> find(Handle handle, long id) {
        return Statements.query(handle, find).bind("id", id).map(TargetRow::map).findFirst();
    }

    /** At most {@code limit} targets with ids above {@code afterId}, in id order. */
    List<TargetRow> list(long afterId, int limit) {
        return jdbi.withHandle(handle -> Statements.query(handle, list)
                .bind("afterId", afterId)
                .bind("limit", limit)
                .map(TargetRow::map)
                .list());
    }

    /** At most {@code limit} targets of {@code owner} with ids above {@code afterId}, in id order. */
    List<TargetRow> list(String owner, long afterId, int limit) {
        return jdbi.withHandle(handle -> Statements.query(handle, listOfOwner)
                .bind("owner", owner)
                .bind("afterId", afterId)
                .bind("limit", limit)
                .map(TargetRow::map)
                .list());
    }

    /** Disables the target unless it is disabled already; returns the rows changed. */
    int disable(long id, long nowMs) {
        return Statements.execute(
                jdbi, disable, update -> update.bind("nowMs", nowMs).bind("id", id));
    }

    /** How many targets have {@code id} (0 or 1). */
    long count(long id) {
        return jdbi.withHandle(handle ->
                Statements.query(handle, count).bind("id", id).mapTo(Long.class).one());
    }

    /** Deletes the target; returns the rows deleted. */
    int delete(long id) {
        return jdbi.withHandle(
                handle -> Statements.update(handle, delete).bind("id", id).execute());
    }
}
