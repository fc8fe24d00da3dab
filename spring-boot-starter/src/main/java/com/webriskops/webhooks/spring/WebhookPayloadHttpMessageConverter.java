package com.webriskops.webhooks.spring;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.vicket.VicketWebhook;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Reads {@code @RequestBody TicketExportWebhook} (and {@code VicketWebhook}) arguments: on a verified
 * request it hands over the payload the receiver already parsed and validated, the very object {@link
 * VerifiedDelivery#payload()} holds; elsewhere it parses the body with the kit's own JSON settings.
 * Either way the result does not depend on the application's JSON mapper (Spring Boot 4's Jackson 3
 * does not read the kit's Jackson 2 naming annotations). Other types are left to the application's
 * converters, which read the same verified bytes. Read-only; thread-safe.
 */
public final class WebhookPayloadHttpMessageConverter extends AbstractHttpMessageConverter<Object> {
    private static final List<Class<?>> PAYLOADS = List.of(TicketExportWebhook.class, VicketWebhook.class);

    /** A converter for {@code application/json} and {@code application/*+json}. */
    public WebhookPayloadHttpMessageConverter() {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
    }

    @Override
    protected boolean supports(Class<?> clazz) {
        return PAYLOADS.contains(clazz);
    }

    @Override
    protected boolean canWrite(@Nullable MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> clazz, HttpInputMessage inputMessage) throws IOException {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null
                && attributes.getAttribute(VerifiedDelivery.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                        instanceof VerifiedDelivery<?> delivery
                && clazz.isInstance(delivery.payload())) {
            return delivery.payload();
        }
        try {
            return WebhookJson.mapper().readValue(inputMessage.getBody(), clazz);
        } catch (IOException e) {
            throw new HttpMessageNotReadableException(
                    "The body is not a valid " + clazz.getSimpleName(), e, inputMessage);
        }
    }

    @Override
    protected void writeInternal(Object payload, HttpOutputMessage outputMessage) {
        throw new UnsupportedOperationException("WebhookPayloadHttpMessageConverter only reads");
    }
}
