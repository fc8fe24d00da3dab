package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.annotation.Priority;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Runs the pipeline before a {@link VerifiedWebhook} method and records its outcome after it.
 *
 * <p>As a request filter it answers every delivery the pipeline refuses (or recognises as a
 * duplicate) with the pipeline's answer, byte for byte, and otherwise puts the exact body back for
 * the resource, stores the {@link VerifiedDelivery} as the request property {@link
 * VerifiedDelivery#ATTRIBUTE} and makes the sender, carrying the delivery, the security context's
 * principal ({@link DeliverySecurityContext}).
 *
 * <p>As a response filter it hands the final status to {@link WebhookReceiver#finish}: 2xx completes
 * the idempotency key, anything else releases it for the sender's retry. Response filters also run
 * for responses produced by exception mappers, including the default mapper with which Jersey and
 * RESTEasy turn an exception nothing else maps into a 500, so a resource that throws releases the
 * key as well. Should a runtime let an exception escape without any response, the claim's lease
 * ({@link WebhookReceiver.Builder#claimLease}) frees the key. Should a runtime run the response filter
 * twice, the receiver records the first status only ({@link WebhookReceiver#finish} is idempotent).
 *
 * <p>Immutable and thread-safe.
 */
@VerifiedWebhook
@Priority(Priorities.AUTHENTICATION)
@ConstrainedTo(RuntimeType.SERVER)
final class WebhookVerificationFilter<P> implements ContainerRequestFilter, ContainerResponseFilter {
    /** The request property holding the delivery with its receiver, for the response filter. */
    private static final String PENDING = WebhookVerificationFilter.class.getName() + ".pending";

    private final WebhookReceiver<P> receiver;

    WebhookVerificationFilter(WebhookReceiver<P> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ReceiveResult<P> result = receiver.receive(new ContainerInboundRequest(request));
        if (result instanceof ReceiveResult.Accepted<P> accepted) {
            VerifiedDelivery<P> delivery = accepted.delivery();
            request.setEntityStream(delivery.bodyStream());
            request.setProperty(VerifiedDelivery.ATTRIBUTE, delivery);
            request.setProperty(PENDING, new Pending<>(receiver, delivery));
            request.setSecurityContext(new DeliverySecurityContext(request.getSecurityContext(), delivery));
        } else {
            request.abortWith(Answers.toResponse(result.answer()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(PENDING) instanceof Pending<?> pending) {
            pending.finish(response.getStatus());
        }
    }

    /** A delivery and the receiver that accepted it, typed alike, so it can be finished without a cast. */
    private record Pending<P>(WebhookReceiver<P> receiver, VerifiedDelivery<P> delivery) {
        void finish(int status) {
            receiver.finish(delivery, status);
        }
    }
}
