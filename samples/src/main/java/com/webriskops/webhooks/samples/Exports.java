package com.webriskops.webhooks.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.RenderedBody;
import com.webriskops.webhooks.payload.TicketExport;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reads {@code --payload} files and builds targets from the target options. */
final class Exports {
    /** The target options shared by {@code send}, {@code enqueue} and {@code check-target}. */
    static final Set<String> TARGET_OPTIONS = Set.of("deployment-mode", "allow-private");

    static final String TARGET_HELP = "  --deployment-mode M      cloud (default), self-hosted or webhook-only\n"
            + "  --allow-private CIDR,... private networks a self-hosted target may reach (plain HTTP is\n"
            + "                           allowed to these), e.g. 127.0.0.1/32 for a local receiver\n";

    private Exports() {}

    /**
     * A {@code ticket-export.webhook.v1} document's parts the sender keeps: the export, and the target
     * it names.
     */
    record Payload(ExportRequest export, long targetId, ProviderKey providerKey) {}

    /**
     * Reads a {@code ticket-export.webhook.v1} document; keeps {@code ticket_export}, {@code account},
     * {@code target} and {@code rendered_body}. The idempotency key is {@code idempotencyKey} when
     * given, else a fresh one.
     */
    static Payload readPayload(Path file, @Nullable String idempotencyKey) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UsageException("--payload " + file + " does not exist");
        }
        JsonNode root;
        try {
            root = WebhookJson.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UsageException("--payload " + file + " is not JSON");
        }
        try {
            TicketExport ticket = WebhookJson.mapper().treeToValue(need(root, "ticket_export"), TicketExport.class);
            RenderedBody rendered = WebhookJson.mapper().treeToValue(need(root, "rendered_body"), RenderedBody.class);
            JsonNode account = need(root, "account");
            JsonNode target = need(root, "target");
            String key = idempotencyKey != null ? idempotencyKey : "samples-" + UUID.randomUUID();
            if (!WebhookProtocol.isValidIdempotencyKey(key)) {
                throw new UsageException("--idempotency-key must be 1 to 255 printable ASCII characters");
            }
            ExportRequest export = new ExportRequest(
                    key,
                    need(account, "id").asLong(),
                    need(account, "project_id").asLong(),
                    ticket,
                    rendered);
            ProviderKey provider = WebhookJson.mapper().treeToValue(need(target, "provider_key"), ProviderKey.class);
            return new Payload(export, need(target, "id").asLong(), provider);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new UsageException("--payload " + file + " is not a ticket-export.webhook.v1 document: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode need(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }

    /** The target at {@code url} with the target options of {@code args}. */
    static ExportTarget target(Args args, String url, long id, ProviderKey providerKey, List<WebhookSecret> secrets) {
        return target(url, id, providerKey, secrets, args.optional("deployment-mode"), args.optional("allow-private"));
    }

    static ExportTarget target(
            String url,
            long id,
            ProviderKey providerKey,
            List<WebhookSecret> secrets,
            @Nullable String deploymentMode,
            @Nullable String allowPrivate) {
        ExportTarget.Builder target = ExportTarget.builder()
                .id(id)
                .providerKey(providerKey)
                .baseUrl(url)
                .signingSecrets(secrets);
        if (deploymentMode != null) {
            try {
                target.deploymentMode(DeploymentMode.fromWireName(deploymentMode));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--deployment-mode: " + e.getMessage());
            }
        }
        if (allowPrivate != null && !allowPrivate.isBlank()) {
            try {
                target.privateNetworkPolicy(PrivateNetworkPolicy.ALLOWLIST)
                        .privateNetworkAllowlist(allowPrivate.split("\\s*,\\s*"));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--allow-private: " + e.getMessage());
            }
        }
        return target.build();
    }
}
