package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.CreateTarget;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Created;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.SetCredential;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Verdict;
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
import java.util.List;

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

    /** Longer lists are refused by the rules; reading stops a little beyond their bound. */
    private static final int MAX_LIST_ITEMS = 64;

    private static final String[] SECRET_FIELDS = {"signing_secret", "webhook_secret", "secret", "signing_secrets"};

    private final ExportApi api;

    TicketExportTargetsResource(ExportApi api) {
        this.api = api;
    }

    /**
     * Creates a target from {@code provider_key}, {@code base_url}, {@code deployment_mode}, {@code
     * name}, {@code private_network_policy}, {@code private_network_allowlist}, {@code
     * signing_enabled} and optionally one of {@code signing_secret}, {@code webhook_secret}, {@code
     * secret} or {@code signing_secrets} (stored as the credential, never echoed). The rules are core's
     * {@link ApiRules}: this method only reads the JSON into its request record and writes the verdict.
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
        ObjectNode json = ExportApi.jsonObject(body);
        List<Violation> shape = new ArrayList<>();
        CreateTarget request = new CreateTarget(
                text(json, "provider_key", shape),
                text(json, "base_url", shape),
                text(json, "deployment_mode", shape),
                text(json, "name", shape),
                text(json, "private_network_policy", shape),
                texts(json, "private_network_allowlist", shape),
                bool(json, "signing_enabled", shape),
                secrets(json, shape));
        if (!shape.isEmpty()) {
            return ApiProblems.verdict(api.rules.check(request).plus(shape));
        }
        Created created = api.rules.create(owner, request);
        if (created.target() == null) {
            return ApiProblems.verdict(created.verdict());
        }
        StoredTarget stored = created.target();
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
        Long parsed = number(id);
        String owner = AuthorisationFilter.ownerOf(security);
        if (parsed == null || owner == null || api.targets.find(owner, parsed) == null) {
            return ApiProblems.notFound("no such target");
        }
        ObjectNode json = ExportApi.jsonObject(body);
        List<Violation> shape = new ArrayList<>();
        List<String> secrets = secrets(json, shape);
        if (!shape.isEmpty()) {
            return ApiProblems.invalid(shape);
        }
        Verdict verdict = api.rules.setCredential(owner, parsed, new SetCredential(secrets));
        return verdict.ok() ? Response.noContent().build() : ApiProblems.verdict(verdict);
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

    /** The member as text; null when absent, or (with a violation) when not a string. */
    @Nullable
    private static String text(ObjectNode json, String field, List<Violation> shape) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            shape.add(new Violation(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    /** A list of strings, or one comma-separated string; null when absent. */
    @Nullable
    private static List<String> texts(ObjectNode json, String field, List<Violation> shape) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            for (String part : node.textValue().split(",", MAX_LIST_ITEMS + 1)) {
                if (!part.isBlank()) {
                    texts.add(part.strip());
                }
            }
            return texts;
        }
        if (!node.isArray()) {
            shape.add(new Violation(field, "must be a list of strings"));
            return null;
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                shape.add(new Violation(field, "must hold strings"));
                return null;
            }
            texts.add(item.textValue().strip());
        }
        return texts;
    }

    @Nullable
    private static Boolean bool(ObjectNode json, String field, List<Violation> shape) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            shape.add(new Violation(field, "must be true or false"));
            return null;
        }
        return node.booleanValue();
    }

    /** The secrets in the body, from whichever one member holds them; the violations never quote them. */
    @Nullable
    private static List<String> secrets(ObjectNode json, List<Violation> shape) {
        String from = null;
        List<String> secrets = null;
        for (String field : SECRET_FIELDS) {
            JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (from != null) {
                shape.add(
                        new Violation(field, "give one of signing_secret, webhook_secret, secret and signing_secrets"));
                return null;
            }
            from = field;
            if (field.equals("signing_secrets")) {
                if (!node.isArray() || node.size() > MAX_LIST_ITEMS) {
                    shape.add(new Violation(field, "must be a list of strings"));
                    return null;
                }
                secrets = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        shape.add(new Violation(field, "must hold strings"));
                        return null;
                    }
                    secrets.add(item.textValue());
                }
            } else if (!node.isTextual()) {
                shape.add(new Violation(field, "must be a string"));
                return null;
            } else {
                secrets = List.of(node.textValue());
            }
        }
        return secrets;
    }
}
