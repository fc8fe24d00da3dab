package com.webriskops.webhooks.jaxrs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.jaxrs.IdempotentRequest;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Approve;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.ExportState;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Exports;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Fallback;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.FallbackFile;
import com.webriskops.webhooks.sender.target.TargetSafety.ApiRules.Verdict;
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

/**
 * {@code /api/ticket-exports/{id}}: approve a prepared export for a target (202 with the status view),
 * read its status view, retry a blocked or failed export, and download its portable fallback (CSV,
 * Markdown or JSON). The rules are core's {@link Exports}: these methods only read the request into
 * its typed form and write core's answer. Registered by {@link TicketExportApiFeature}; not meant to be
 * constructed by applications. Answers never hold a secret. Thread-safe.
 */
@Path("api/ticket-exports")
@ExportApiCall
public final class TicketExportsResource {
    private final ExportApi api;

    TicketExportsResource(ExportApi api) {
        this.api = api;
    }

    /**
     * Approves the prepared export for the active target {@code target_id} ({@link Exports#approve}):
     * 202 with the status view. Approving again for the same target answers the current status; for
     * another target 409 {@code EXPORT_ALREADY_APPROVED}.
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
        // An unknown export answers 404 whatever the body holds.
        Verdict prepared = api.exports.checkPrepared(owner, exportId);
        if (!prepared.ok()) {
            return ApiProblems.verdict(prepared);
        }
        ObjectNode json = ExportApi.jsonObject(body);
        ExportState state = api.exports.approve(owner, new Approve(exportId, targetId(json.get("target_id"))));
        Response answer = answer(exportId, state);
        if (state.delivery() == null) {
            return answer;
        }
        return Response.fromResponse(answer)
                .location(
                        uri.getBaseUriBuilder().path("api/ticket-exports/{id}").build(exportId))
                .build();
    }

    /**
     * The export's status view ({@code status}, {@code retry_after_seconds}, {@code retry_count},
     * {@code provider_key}, {@code signing_status}, the last diagnostics and the attempt log); 404
     * {@code NOT_FOUND} before it is approved ({@link Exports#status}).
     */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(@Context SecurityContext security, @PathParam("id") String exportId) {
        return answer(exportId, api.exports.status(AuthorisationFilter.ownerOf(security), exportId));
    }

    /**
     * Sends a blocked or failed export again after its cause was fixed (the target is checked again,
     * {@link Exports#retry}): 202 with the status view; 409 {@code EXPORT_NOT_RETRYABLE} in any other
     * state; 422 with the blocking code when the target is still unsafe.
     */
    @POST
    @Path("{id}/retry")
    @IdempotentRequest
    @Produces(MediaType.APPLICATION_JSON)
    public Response retry(@Context SecurityContext security, @PathParam("id") String exportId) {
        return answer(exportId, api.exports.retry(AuthorisationFilter.ownerOf(security), exportId));
    }

    /**
     * The export's portable fallback as {@code csv}, {@code md} or {@code json} (a download), for the
     * target it was approved for, or, before approval, for {@code target_id} ({@link Exports#fallback}).
     * 422 {@code webhook_payload_unsafe} when the export carries a secret or private path.
     */
    @GET
    @Path("{id}/fallback")
    @Produces({"text/csv", "text/markdown", MediaType.APPLICATION_JSON})
    public Response fallback(
            @Context SecurityContext security,
            @PathParam("id") String exportId,
            @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("target_id") String targetIdParam) {
        FallbackFile file = api.exports.fallback(
                AuthorisationFilter.ownerOf(security),
                new Fallback(exportId, format, TicketExportTargetsResource.number(targetIdParam)));
        if (!file.verdict().ok()) {
            return ApiProblems.verdict(file.verdict());
        }
        return Response.ok(file.body(), file.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"")
                .build();
    }

    /** The status view of the state's delivery with core's status, or core's refusal. */
    private Response answer(String exportId, ExportState state) {
        if (state.delivery() == null) {
            return ApiProblems.verdict(state.verdict());
        }
        if (state.enqueued()) {
            api.enqueued();
        }
        return Response.status(state.verdict().status())
                .entity(ApiProblems.bytes(api.statusJson(exportId, state.delivery())))
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    /** {@code target_id} as a positive whole number or its decimal text; null when absent or not one. */
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
}
