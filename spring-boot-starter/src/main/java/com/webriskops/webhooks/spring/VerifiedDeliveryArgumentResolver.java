package com.webriskops.webhooks.spring;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.annotation.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a {@link VerifiedDelivery} handler-method argument from the request the verification filter
 * passed on. The auto-configuration registers it; register it yourself only in a hand-made MVC setup.
 *
 * <pre>{@code
 * @PostMapping("/webhooks/webriskops")
 * ResponseEntity<Void> receive(@RequestBody TicketExportWebhook webhook, VerifiedDelivery<?> delivery) { ... }
 * }</pre>
 *
 * <p>A handler that declares the argument on a path the verification filter does not cover fails with
 * an {@link IllegalStateException} (500), never runs unverified. Thread-safe.
 */
public final class VerifiedDeliveryArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return VerifiedDelivery.class.equals(parameter.getParameterType());
    }

    /**
     * @throws IllegalStateException if the request carries no verified delivery (its path is not one of
     *     {@code webriskops.webhooks.receiver.paths})
     */
    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            @Nullable WebDataBinderFactory binderFactory) {
        Object delivery = webRequest.getAttribute(VerifiedDelivery.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (!(delivery instanceof VerifiedDelivery<?> verified)) {
            throw new IllegalStateException("No verified webhook delivery on this request: add its path to "
                    + WebRiskOpsWebhooksProperties.PREFIX + ".receiver.paths");
        }
        return verified;
    }

    @Override
    public String toString() {
        return "VerifiedDeliveryArgumentResolver";
    }
}
