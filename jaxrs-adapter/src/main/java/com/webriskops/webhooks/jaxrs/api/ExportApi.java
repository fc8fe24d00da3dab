package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.outbox.DeliveryStatusView;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.SigningStatus;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Exports;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the API's resources share: the application's parts and the JSON they answer with. */
final class ExportApi {
    /** Largest request body read. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ExportApi.class);

    final TargetStore targets;
    final CredentialProvider credentials;
    final ApiRules rules;
    final Exports exports;
    private final Clock clock;
    private final Runnable onEnqueue;

    ExportApi(
            TargetStore targets,
            CredentialProvider credentials,
            PreparedExports prepared,
            DeliveryStore deliveries,
            TargetSafety safety,
            List<Cidr> privateRanges,
            Clock clock,
            Runnable onEnqueue) {
        this.targets = targets;
        this.credentials = credentials;
        this.rules = ApiRules.builder()
                .targetStore(targets)
                .credentials(credentials)
                .allowPrivateNetworks(privateRanges)
                .clock(clock)
                .build();
        this.exports = rules.exports(deliveries, safety, prepared::find);
        this.clock = clock;
        this.onEnqueue = onEnqueue;
    }

    Instant now() {
        return clock.instant();
    }

    void enqueued() {
        try {
            onEnqueue.run();
        } catch (RuntimeException e) {
            LOG.warn("The onEnqueue callback of the ticket-export API failed", e);
        }
    }

    /**
     * The body as a JSON object. A body larger than {@link #MAX_BODY_BYTES} (413) or not a JSON object
     * (422) is answered by the {@link WebApplicationException} thrown, carrying the problem.
     */
    static ObjectNode jsonObject(@Nullable InputStream body) throws IOException {
        byte[] bytes = read(body);
        if (bytes == null) {
            throw new WebApplicationException(
                    ApiProblems.problem(413, ErrorCode.VALIDATION_FAILED, "the body is larger than 64 KiB"));
        }
        ObjectNode json = object(bytes);
        if (json == null) {
            throw new WebApplicationException(ApiProblems.invalid("body", "must be a JSON object"));
        }
        return json;
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    @Nullable
    private static byte[] read(@Nullable InputStream body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = body.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BODY_BYTES) {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** The body as a JSON object, or null when it is not one. */
    @Nullable
    private static ObjectNode object(byte[] body) {
        try {
            JsonNode node = WebhookJson.mapper().readTree(body);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A target as the API shows it: every setting and its signing status, never a secret. */
    ObjectNode targetJson(StoredTarget stored) {
        ExportTarget target = stored.target();
        ObjectNode json = WebhookJson.mapper().createObjectNode();
        json.put("id", target.id());
        json.put("provider_key", target.providerKey().wireName());
        json.put("base_url", target.baseUrl());
        json.put("deployment_mode", target.deploymentMode().wireName());
        json.put("name", target.name());
        json.put("private_network_policy", target.privateNetworkPolicy().wireName());
        ArrayNode allowlist = json.putArray("private_network_allowlist");
        for (Cidr cidr : target.privateNetworkAllowlist()) {
            allowlist.add(cidr.toString());
        }
        json.put("signing_enabled", target.signingEnabled());
        // Stored targets hold no secret: the credential provider says whether one is held.
        boolean holdsSecret = target.signingEnabled()
                && !credentials.signingSecrets(target.id()).isEmpty();
        json.put(
                "signing_status",
                SigningStatus.of(target.signingEnabled(), holdsSecret).wireName());
        json.put("status", stored.active() ? "active" : "disabled");
        json.put("created_at", stored.createdAt().toString());
        json.put("updated_at", stored.updatedAt().toString());
        json.put(
                "disabled_at",
                stored.disabledAt() == null ? null : stored.disabledAt().toString());
        return json;
    }

    /** The status view of {@code delivery} now, with the export's id. */
    ObjectNode statusJson(String exportId, Delivery delivery) {
        ObjectNode view = WebhookJson.mapper().valueToTree(DeliveryStatusView.of(delivery, now()));
        ObjectNode json = WebhookJson.mapper().createObjectNode();
        json.put("export_id", exportId);
        json.setAll(view);
        return json;
    }

    @Override
    public String toString() {
        return "ExportApi[" + targets + ", " + exports + "]";
    }
}
