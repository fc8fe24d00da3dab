package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.IOException;

/**
 * Gives a {@link VerifiedWebhook} method that takes the scheme's payload type as its entity the payload
 * the pipeline already read from the verified bytes and validated, instead of reading those bytes a
 * second time. Any other entity type (bytes, a string, the application's own types) is read as usual.
 * Thread-safe.
 */
@VerifiedWebhook
@Priority(Priorities.ENTITY_CODER)
@ConstrainedTo(RuntimeType.SERVER)
final class VerifiedPayloadReader implements ReaderInterceptor {
    private final Class<?> payloadType;

    VerifiedPayloadReader(Class<?> payloadType) {
        this.payloadType = payloadType;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        // Raw-bytes schemes stay on the stream: a method must not get the delivery's own array.
        if (context.getType() == payloadType
                && payloadType != byte[].class
                && context.getProperty(VerifiedDelivery.ATTRIBUTE) instanceof VerifiedDelivery<?> delivery
                && payloadType.isInstance(delivery.payload())) {
            return delivery.payload();
        }
        return context.proceed();
    }
}
