package com.webriskops.webhooks.jaxrs;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads entity parameters of the receiver's payload type (such as {@link TicketExportWebhook}) with the
 * kit's {@link WebhookJson} settings, so a resource gets exactly what the pipeline validated. It reads
 * that one type and writes nothing, so the application's own JSON provider (if any) keeps every other
 * type. Thread-safe.
 */
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
@ConstrainedTo(RuntimeType.SERVER)
final class PayloadJsonProvider extends JacksonJsonProvider {
    private final Class<?> payloadType;

    PayloadJsonProvider(Class<?> payloadType) {
        super(WebhookJson.newObjectMapper());
        this.payloadType = payloadType;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == payloadType && super.isReadable(type, genericType, annotations, mediaType);
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return false;
    }
}
