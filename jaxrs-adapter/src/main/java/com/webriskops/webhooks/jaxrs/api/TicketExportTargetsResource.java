package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code /api/ticket-export-targets}: create (201 with the target, or 422 with the violations or the
 * blocking code), list, read, disable, delete, and set the signing credential (204, never echoed).
 * Registered by {@link TicketExportApiFeature}; not meant to be constructed by applications. Answers
 * never hold a secret. Thread-safe.
 */
@Path("api/ticket-export-targets")
@ExportApiCall
public final class TicketExportTargetsResource {
    /** Default page size of the list call. */
    public static final int DEFAULT_LIST_LIMIT = 50;

    /** Largest page size of the list call. */
    public static final int MAX_LIST_LIMIT = 200;

    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_ALLOWLIST_ENTRIES = 32;
    private static final int MAX_SECRETS = 4;
    private static final int MAX_SECRET_LENGTH = 1_024;
    private static final int MIN_SECRET_LENGTH = 16;
    private static final String[] SECRET_FIELDS = {"signing_secret", "webhook_secret", "secret"};

    private final ExportApi api;

    TicketExportTargetsResource(ExportApi api) {
        this.api = api;
    }

    /**
     * Creates a target from {@code provider_key}, {@code base_url}, {@code deployment_mode}, {@code
     * name}, {@code private_network_policy}, {@code private_network_allowlist}, {@code
     * signing_enabled} and optionally one of {@code signing_secret}, {@code webhook_secret}, {@code
     * secret} (stored as the credential, never echoed). Checked like the sender checks it before
     * anything is stored.
     *
     * @throws IOException if the body could not be read
     */
    @POST
    @IdempotentRequest
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, @Context UriInfo uri, InputStream body)
            throws IOException {
        String owner = AuthorisationFilter.ownerOf(security);
        if (owner == null) {
            return ApiProblems.notFound("no such target");
        }
        byte[] bytes = ExportApi.read(body);
        if (bytes == null) {
            return ApiProblems.problem(413, ErrorCode.VALIDATION_FAILED, "the body is larger than 64 KiB");
        }
        ObjectNode json = ExportApi.object(bytes);
        if (json == null) {
            return ApiProblems.invalid("body", "must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        ExportTarget.Builder builder = ExportTarget.builder();
        ProviderKey providerKey = providerKey(text(json, "provider_key", violations, true), violations);
        if (providerKey != null) {
            builder.providerKey(providerKey);
        }
        String baseUrl = text(json, "base_url", violations, true);
        if (baseUrl != null && baseUrl.length() > TargetSafety.MAX_URL_LENGTH) {
            violations.add(new Violation("base_url", "must be at most " + TargetSafety.MAX_URL_LENGTH + " characters"));
        } else if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        String mode = text(json, "deployment_mode", violations, false);
        if (mode != null) {
            try {
                builder.deploymentMode(DeploymentMode.fromWireName(mode));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("deployment_mode", "must be cloud, self-hosted or webhook-only"));
            }
        }
        String name = text(json, "name", violations, false);
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else {
            builder.name(name);
        }
        String policy = text(json, "private_network_policy", violations, false);
        if (policy != null) {
            try {
                builder.privateNetworkPolicy(PrivateNetworkPolicy.fromWireName(policy));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("private_network_policy", e.getMessage()));
            }
        }
        builder.privateNetworkAllowlist(allowlist(json.get("private_network_allowlist"), violations));
        JsonNode signingEnabled = json.get("signing_enabled");
        if (signingEnabled != null && !signingEnabled.isNull()) {
            if (signingEnabled.isBoolean()) {
                builder.signingEnabled(signingEnabled.booleanValue());
            } else {
                violations.add(new Violation("signing_enabled", "must be true or false"));
            }
        }
        List<WebhookSecret> secrets = secrets(json, violations);
        if (!secrets.isEmpty() && !(api.credentials instanceof CredentialStore)) {
            return ApiProblems.conflict(
                    ErrorCode.CREDENTIALS_MANAGED_ELSEWHERE,
                    "signing secrets of this API are set by the application, not through it");
        }
        if (!violations.isEmpty()) {
            return ApiProblems.invalid(violations);
        }
        ExportTarget target = builder.signingSecrets(secrets).build();
        // The URL only: a target without a secret is stored (signing_status secret_missing); approval
        // and delivery answer generic_webhook_secret_missing until a credential is set.
        TargetCheck check = api.safety.checkUrl(target);
        if (!check.ok()) {
            return ApiProblems.blocked(check);
        }
        StoredTarget stored = api.targets.create(owner, target, api.now());
        if (!secrets.isEmpty()) {
            ((CredentialStore) api.credentials).setSigningSecrets(stored.id(), secrets);
        }
        return Response.created(uri.getBaseUriBuilder()
                        .path("api/ticket-export-targets/{id}")
                        .build(stored.id()))
                .type(MediaType.APPLICATION_JSON)
                .entity(ApiProblems.bytes(api.targetJson(stored)))
                .build();
    }

    /** Up to {@code limit} targets with ids above {@code after_id}, and the {@code next_after_id} to page on. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(
            @Context SecurityContext security,
            @QueryParam("limit") @DefaultValue("50") String limit,
            @QueryParam("after_id") @DefaultValue("0") String afterId) {
        Long parsedLimit = number(limit);
        Long parsedAfter = number(afterId);
        List<Violation> violations = new ArrayList<>();
        if (parsedLimit == null || parsedLimit < 1 || parsedLimit > MAX_LIST_LIMIT) {
            violations.add(new Violation("limit", "must be 1 to " + MAX_LIST_LIMIT));
        }
        if (parsedAfter == null) {
            violations.add(new Violation("after_id", "must be a target id or 0"));
        }
        String owner = AuthorisationFilter.ownerOf(security);
        if (owner == null) {
            violations.add(new Violation("owner", "the call has no owner"));
        }
        if (!violations.isEmpty()) {
            return ApiProblems.invalid(violations);
        }
        List<StoredTarget> page = api.targets.list(owner, parsedAfter, parsedLimit.intValue());
        ObjectNode json = WebhookJson.mapper().createObjectNode();
        ArrayNode items = json.putArray("targets");
        page.forEach(stored -> items.add(api.targetJson(stored)));
        if (page.size() == parsedLimit) {
            json.put("next_after_id", page.get(page.size() - 1).id());
        } else {
            json.putNull("next_after_id");
        }
        return ok(json);
    }

    /** The target, or 404. */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@Context SecurityContext security, @PathParam("id") String id) {
        StoredTarget stored = find(security, id);
        return stored == null ? ApiProblems.notFound("no such target") : ok(api.targetJson(stored));
    }

    /** Disables the target (it stays readable; nothing is delivered to it any more); 200 with it, or 404. */
    @POST
    @Path("{id}/disable")
    @Produces(MediaType.APPLICATION_JSON)
    public Response disable(@Context SecurityContext security, @PathParam("id") String id) {
        Long parsed = number(id);
        String owner = AuthorisationFilter.ownerOf(security);
        if (parsed == null || owner == null || !api.targets.disable(owner, parsed, api.now())) {
            return ApiProblems.notFound("no such target");
        }
        StoredTarget stored = api.targets.find(owner, parsed);
        if (stored == null) {
            return ApiProblems.notFound("no such target");
        }
        return ok(api.targetJson(stored));
    }

    /** Deletes the target and, when the API holds them, its secrets (the revoke path); 204, or 404. */
    @DELETE
    @Path("{id}")
    public Response delete(@Context SecurityContext security, @PathParam("id") String id) {
        Long parsed = number(id);
        String owner = AuthorisationFilter.ownerOf(security);
        if (parsed == null || owner == null || !api.targets.delete(owner, parsed)) {
            return ApiProblems.notFound("no such target");
        }
        if (api.credentials instanceof CredentialStore store) {
            store.remove(parsed);
        }
        return Response.noContent().build();
    }

    /**
     * Sets the target's signing secrets from one of {@code signing_secret}, {@code webhook_secret},
     * {@code secret}, or {@code signing_secrets} (a list, newest first, during a rotation); 204 without
     * a body, 404, 422, or 409 {@code CREDENTIALS_MANAGED_ELSEWHERE} when the application holds them.
     *
     * @throws IOException if the body could not be read
     */
    @PUT
    @Path("{id}/credential")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setCredential(@Context SecurityContext security, @PathParam("id") String id, InputStream body)
            throws IOException {
        StoredTarget stored = find(security, id);
        if (stored == null) {
            return ApiProblems.notFound("no such target");
        }
        if (!(api.credentials instanceof CredentialStore store)) {
            return ApiProblems.conflict(
                    ErrorCode.CREDENTIALS_MANAGED_ELSEWHERE,
                    "signing secrets of this API are set by the application, not through it");
        }
        byte[] bytes = ExportApi.read(body);
        if (bytes == null) {
            return ApiProblems.problem(413, ErrorCode.VALIDATION_FAILED, "the body is larger than 64 KiB");
        }
        ObjectNode json = ExportApi.object(bytes);
        if (json == null) {
            return ApiProblems.invalid("body", "must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        List<WebhookSecret> secrets = secrets(json, violations);
        if (violations.isEmpty() && secrets.isEmpty()) {
            violations.add(new Violation("signing_secret", "is required"));
        }
        if (!violations.isEmpty()) {
            return ApiProblems.invalid(violations);
        }
        store.setSigningSecrets(stored.id(), secrets);
        return Response.noContent().build();
    }

    @Nullable
    private StoredTarget find(SecurityContext security, String id) {
        Long parsed = number(id);
        String owner = AuthorisationFilter.ownerOf(security);
        return parsed == null || owner == null ? null : api.targets.find(owner, parsed);
    }

    private static Response ok(ObjectNode json) {
        return Response.ok(ApiProblems.bytes(json), MediaType.APPLICATION_JSON).build();
    }

    @Nullable
    static Long number(@Nullable String text) {
        if (text == null
                || text.isEmpty()
                || text.length() > 18
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(text);
    }

    @Nullable
    private static String text(ObjectNode json, String field, List<Violation> violations, boolean required) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add(new Violation(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            violations.add(new Violation(field, "must be a non-empty string"));
            return null;
        }
        return node.textValue().strip();
    }

    @Nullable
    private static ProviderKey providerKey(@Nullable String text, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        for (ProviderKey key : ProviderKey.values()) {
            if (key.wireName().equals(text)) {
                return key;
            }
        }
        violations.add(new Violation(
                "provider_key",
                "must be one of "
                        + Arrays.stream(ProviderKey.values())
                                .map(ProviderKey::wireName)
                                .collect(Collectors.joining(", "))));
        return null;
    }

    private static List<Cidr> allowlist(@Nullable JsonNode node, List<Violation> violations) {
        List<Cidr> cidrs = new ArrayList<>();
        if (node == null || node.isNull()) {
            return cidrs;
        }
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.textValue().split(",")) {
                if (!part.isBlank()) {
                    texts.add(part.strip());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    violations.add(new Violation("private_network_allowlist", "must hold CIDR strings"));
                    return cidrs;
                }
                texts.add(item.textValue().strip());
            }
        } else {
            violations.add(new Violation("private_network_allowlist", "must be a list of CIDR strings"));
            return cidrs;
        }
        if (texts.size() > MAX_ALLOWLIST_ENTRIES) {
            violations.add(new Violation(
                    "private_network_allowlist", "must hold at most " + MAX_ALLOWLIST_ENTRIES + " entries"));
            return cidrs;
        }
        for (String text : texts) {
            try {
                cidrs.add(Cidr.parse(text));
            } catch (IllegalArgumentException e) {
                // The reason quotes the entry: only short entries are echoed.
                violations.add(new Violation(
                        "private_network_allowlist",
                        "holds an entry that is not a canonical CIDR such as 10.20.0.0/16"
                                + (text.length() <= 64 ? ": " + e.getMessage() : "")));
                return List.of();
            }
        }
        return cidrs;
    }

    /** The secrets in the body; the violations never quote them. */
    private static List<WebhookSecret> secrets(ObjectNode json, List<Violation> violations) {
        List<String> texts = new ArrayList<>();
        String from = null;
        for (String field : SECRET_FIELDS) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (from != null) {
                violations.add(new Violation(field, "give one of signing_secret, webhook_secret and secret"));
                return List.of();
            }
            from = field;
            if (!node.isTextual()) {
                violations.add(new Violation(field, "must be a string"));
                return List.of();
            }
            texts.add(node.textValue());
        }
        JsonNode list = json.get("signing_secrets");
        if (list != null && !list.isNull()) {
            if (from != null) {
                violations.add(new Violation("signing_secrets", "give either a list or one secret"));
                return List.of();
            }
            from = "signing_secrets";
            if (!list.isArray() || list.size() > MAX_SECRETS) {
                violations.add(new Violation(from, "must be a list of at most " + MAX_SECRETS + " strings"));
                return List.of();
            }
            for (JsonNode item : list) {
                if (!item.isTextual()) {
                    violations.add(new Violation(from, "must hold strings"));
                    return List.of();
                }
                texts.add(item.textValue());
            }
        }
        List<WebhookSecret> secrets = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank() || text.length() < MIN_SECRET_LENGTH || text.length() > MAX_SECRET_LENGTH) {
                violations.add(new Violation(
                        from, "must be " + MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH + " characters, not blank"));
                return List.of();
            }
            secrets.add(WebhookSecret.of(text));
        }
        return secrets;
    }
}
