package com.webriskops.webhooks.jaxrs;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The security context of a request whose signature the pipeline verified: its principal is the
 * WebRiskOps sender and carries the {@link VerifiedDelivery}, so a resource gets the delivery through
 * {@code @Context SecurityContext}, which every JAX-RS runtime injects. Whether the connection is
 * secure is the original context's answer. Immutable.
 */
final class DeliverySecurityContext implements SecurityContext {
    /** {@link #getAuthenticationScheme()}: an HMAC-SHA256 signature over the raw body. */
    static final String SCHEME = "WebRiskOps-HMAC-SHA256";

    private final SecurityContext original;
    private final SenderPrincipal principal;

    DeliverySecurityContext(SecurityContext original, VerifiedDelivery<?> delivery) {
        this.original = original;
        this.principal = new SenderPrincipal(delivery);
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    /** The sender has no roles of the application's. */
    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return original != null && original.isSecure();
    }

    @Override
    public String getAuthenticationScheme() {
        return SCHEME;
    }

    /** The verified sender; its name is {@code webriskops}. */
    record SenderPrincipal(VerifiedDelivery<?> delivery) implements Principal {
        @Override
        public String getName() {
            return "webriskops";
        }

        @Override
        public String toString() {
            return "SenderPrincipal[" + delivery + "]";
        }
    }
}
