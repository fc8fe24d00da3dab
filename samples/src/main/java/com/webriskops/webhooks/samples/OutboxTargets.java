package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.spi.TargetStore.TargetLookup;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The targets of the command line's outbox, in a samples-only table next to the kit's: the outbox keeps
 * a target id per delivery, and {@code dispatch} (another process) needs the URL behind it. Secrets
 * are never stored: {@code dispatch} signs with {@code WEBRISKOPS_WEBHOOK_SECRET}.
 */
final class OutboxTargets {
    static final String TABLE = "samples_export_target";

    private final Jdbi jdbi;

    OutboxTargets(DataSource dataSource) {
        this.jdbi = Jdbi.create(dataSource);
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id BIGINT PRIMARY KEY,"
                + " provider_key VARCHAR(64) NOT NULL, base_url VARCHAR(2048) NOT NULL,"
                + " deployment_mode VARCHAR(32) NOT NULL, allow_private VARCHAR(1024))"));
    }

    /** Saves (replaces) {@code target}'s URL and network settings. */
    void save(ExportTarget target) {
        String allow = target.privateNetworkAllowlist().isEmpty()
                ? null
                : target.privateNetworkAllowlist().stream().map(Cidr::toString).collect(Collectors.joining(","));
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM " + TABLE + " WHERE id = ?", target.id());
            h.createUpdate("INSERT INTO " + TABLE + " (id, provider_key, base_url, deployment_mode, allow_private)"
                            + " VALUES (:id, :provider, :url, :mode, :allow)")
                    .bind("id", target.id())
                    .bind("provider", target.providerKey().wireName())
                    .bind("url", target.baseUrl())
                    .bind("mode", target.deploymentMode().wireName())
                    .bind("allow", allow)
                    .execute();
        });
    }

    /** Finds targets by id, signing with {@code secrets}. */
    TargetLookup lookup(List<WebhookSecret> secrets) {
        return id -> find(id, secrets);
    }

    @Nullable
    private ExportTarget find(long id, List<WebhookSecret> secrets) {
        Optional<ExportTarget> target = jdbi.withHandle(h -> h.createQuery("SELECT provider_key, base_url,"
                        + " deployment_mode, allow_private FROM " + TABLE + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> Exports.target(
                        rs.getString("base_url"),
                        id,
                        WebhookJson.mapper().convertValue(rs.getString("provider_key"), ProviderKey.class),
                        secrets,
                        rs.getString("deployment_mode"),
                        rs.getString("allow_private")))
                .findOne());
        return target.orElse(null);
    }
}
