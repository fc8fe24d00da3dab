package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import jakarta.annotation.Nullable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /api/ticket-exports/{id}}: approve a prepared export for a target (202 with the status view),
 * read its status view, retry a blocked or failed export, and download its portable fallback (CSV,
 * Markdown or JSON). Registered by {@link TicketExportApiFeature}; not meant to be constructed by
 * applications. Answers never hold a secret. Thread-safe.
 */
@Path("api/ticket-exports")
@ExportApiCall
public final class TicketExportsResource {
    private final ExportApi api;

    TicketExportsResource(ExportApi api) {
        this.api = api;
    }

    /**
     * Approves the prepared export for the active target {@code target_id}: checks both, enqueues the
     * delivery and answers 202 with the status view. Approving again for the same target answers the
     * current status; for another target 409 {@code EXPORT_ALREADY_APPROVED}.
     *
     * @throws IOException if the body could not be read
     */
    @POST
    @Path("{id}/approve")
    @IdempotentRequest
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response approve(
            @Context SecurityContext security, @Context UriInfo uri, @PathParam("id") String exportId, InputStream body)
            throws IOException {
        String owner = AuthorisationFilter.ownerOf(security);
        ExportRequest export = prepared(owner, exportId);
        if (export == null) {
            return ApiProblems.notFound("no prepared export with this id");
        }
        ObjectNode json = ExportApi.jsonObject(body);
        Long targetId = targetId(json.get("target_id"));
        if (targetId == null) {
            return ApiProblems.invalid("target_id", "is required: the id of an active target");
        }
        StoredTarget stored = api.targets.find(owner, targetId);
        if (stored == null || !stored.active()) {
            return ApiProblems.invalid("target_id", "no active target has this id");
        }
        ExportTarget target = api.lookup.find(targetId);
        if (target == null) {
            return ApiProblems.invalid("target_id", "no active target has this id");
        }
        TargetCheck check = api.safety.checkForCaller(target);
        if (!check.ok()) {
            return ApiProblems.blocked(check);
        }
        PayloadFinding finding = PortableExport.of(targetId, target.providerKey(), export, target.signingSecrets())
                .finding();
        if (finding != null) {
            return ApiProblems.blocked(ErrorCode.WEBHOOK_PAYLOAD_UNSAFE, finding.message());
        }
        Delivery existing = api.deliveries.findByIdempotencyKey(export.idempotencyKey());
        if (existing != null && !owner.equals(api.deliveries.ownerOf(existing.id()))) {
            // Another owner approved it: answer exactly as for an unknown export.
            return ApiProblems.notFound("no prepared export with this id");
        }
        if (existing != null && existing.targetId() != targetId) {
            return ApiProblems.conflict(
                    ErrorCode.EXPORT_ALREADY_APPROVED, "this export was already approved for another target");
        }
        Delivery delivery = existing != null ? existing : api.deliveries.enqueue(owner, target, export, api.now());
        if (delivery == null) {
            return ApiProblems.notFound("no prepared export with this id");
        }
        if (existing == null) {
            api.enqueued();
        }
        return Response.accepted(ApiProblems.bytes(api.statusJson(exportId, delivery)))
                .type(MediaType.APPLICATION_JSON)
                .location(
                        uri.getBaseUriBuilder().path("api/ticket-exports/{id}").build(exportId))
                .build();
    }

    /**
     * The export's status view ({@code status}, {@code retry_after_seconds}, {@code retry_count},
     * {@code provider_key}, {@code signing_status}, the last diagnostics and the attempt log); 404
     * {@code NOT_FOUND} before it is approved.
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@Context SecurityContext security, @PathParam("id") String exportId) {
        String owner = AuthorisationFilter.ownerOf(security);
        ExportRequest export = prepared(owner, exportId);
        if (export == null) {
            return ApiProblems.notFound("no prepared export with this id");
        }
        Delivery delivery = api.deliveries.findByIdempotencyKey(owner, export.idempotencyKey());
        if (delivery == null) {
            return ApiProblems.notFound("the export has not been approved yet");
        }
        return Response.ok(ApiProblems.bytes(api.statusJson(exportId, delivery)), MediaType.APPLICATION_JSON)
                .build();
    }

    /**
     * Sends a blocked or failed export again after its cause was fixed (the target is checked again):
     * 202 with the status view; 409 {@code EXPORT_NOT_RETRYABLE} in any other state; 422 with the
     * blocking code when the target is still unsafe.
     */
    @POST
    @Path("{id}/retry")
    @IdempotentRequest
    @Produces(MediaType.APPLICATION_JSON)
    public Response retry(@Context SecurityContext security, @PathParam("id") String exportId) {
        String owner = AuthorisationFilter.ownerOf(security);
        ExportRequest export = prepared(owner, exportId);
        if (export == null) {
            return ApiProblems.notFound("no prepared export with this id");
        }
        Delivery delivery = api.deliveries.findByIdempotencyKey(owner, export.idempotencyKey());
        if (delivery == null) {
            return ApiProblems.notFound("the export has not been approved yet");
        }
        if (delivery.status() != DeliveryStatus.BLOCKED && delivery.status() != DeliveryStatus.FAILED) {
            return ApiProblems.conflict(
                    ErrorCode.EXPORT_NOT_RETRYABLE,
                    "only a blocked or failed export can be retried; it is " + wire(delivery));
        }
        ExportTarget target = api.lookup.find(delivery.targetId());
        if (target == null) {
            return ApiProblems.invalid("target_id", "the export's target was disabled or deleted; approve it again");
        }
        TargetCheck check = api.safety.checkForCaller(target);
        if (!check.ok()) {
            return ApiProblems.blocked(check);
        }
        if (!api.deliveries.retryOnRequest(delivery.id(), api.now())) {
            return ApiProblems.conflict(
                    ErrorCode.EXPORT_NOT_RETRYABLE, "the export changed state meanwhile; read it again");
        }
        api.enqueued();
        Delivery now = api.deliveries.find(delivery.id());
        return Response.accepted(ApiProblems.bytes(api.statusJson(exportId, now == null ? delivery : now)))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    /**
     * The export's portable fallback as {@code csv}, {@code md} or {@code json} (a download), for the
     * target it was approved for, or, before approval, for {@code target_id}. 422 {@code
     * webhook_payload_unsafe} when the export carries a secret or private path.
     */
    @GET
    @Path("{id}/fallback")
    @Produces({"text/csv", "text/markdown", MediaType.APPLICATION_JSON})
    public Response fallback(
            @Context SecurityContext security,
            @PathParam("id") String exportId,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("target_id") String targetIdParam) {
        String owner = AuthorisationFilter.ownerOf(security);
        ExportRequest export = prepared(owner, exportId);
        if (export == null) {
            return ApiProblems.notFound("no prepared export with this id");
        }
        if (!List.of("csv", "md", "markdown", "json").contains(format)) {
            return ApiProblems.invalid("format", "must be csv, md or json");
        }
        Delivery delivery = api.deliveries.findByIdempotencyKey(export.idempotencyKey());
        if (delivery != null && !owner.equals(api.deliveries.ownerOf(delivery.id()))) {
            // Another owner approved it: answer exactly as for an unknown export.
            return ApiProblems.notFound("no prepared export with this id");
        }
        Long targetId = delivery != null
                ? Long.valueOf(delivery.targetId())
                : TicketExportTargetsResource.number(targetIdParam);
        if (targetId == null) {
            return ApiProblems.notFound("the export has not been approved yet; give target_id");
        }
        StoredTarget stored = api.targets.find(owner, targetId);
        if (stored == null) {
            return ApiProblems.notFound("the export's target no longer exists");
        }
        PortableExport fallback = PortableExport.of(
                targetId,
                stored.target().providerKey(),
                delivery != null ? delivery.export() : export,
                api.credentials.signingSecrets(targetId));
        if (fallback.finding() != null) {
            return ApiProblems.blocked(
                    ErrorCode.WEBHOOK_PAYLOAD_UNSAFE, fallback.finding().message());
        }
        String base = "ticket-export-" + exportId;
        switch (format) {
            case "csv":
                return download(
                        fallback.csv().getBytes(StandardCharsets.UTF_8), "text/csv; charset=utf-8", base + ".csv");
            case "json":
                return download(fallback.json(), MediaType.APPLICATION_JSON, base + ".json");
            default:
                return download(
                        fallback.markdown().getBytes(StandardCharsets.UTF_8),
                        "text/markdown; charset=utf-8",
                        base + ".md");
        }
    }

    private static Response download(byte[] body, String type, String filename) {
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    @Nullable
    private ExportRequest prepared(@Nullable String owner, String exportId) {
        return owner != null && ExportApi.isExportId(exportId) ? api.prepared.find(owner, exportId) : null;
    }

    @Nullable
    private static Long targetId(@Nullable JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            return node.longValue();
        }
        return node.isTextual() ? TicketExportTargetsResource.number(node.textValue()) : null;
    }

    private static String wire(Delivery delivery) {
        return delivery.status().wireName();
    }
}
