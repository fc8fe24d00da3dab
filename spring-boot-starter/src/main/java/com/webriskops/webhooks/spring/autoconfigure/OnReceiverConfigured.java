package com.webriskops.webhooks.spring.autoconfigure;

import com.webriskops.webhooks.spring.WebRiskOpsWebhooksProperties;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the receiver is not disabled and {@code webriskops.webhooks.receiver.paths} or {@code
 * .secrets} is set (even to a blank value, so a blank secret fails start-up instead of switching the
 * receiver off).
 */
final class OnReceiverConfigured extends SpringBootCondition {
    private static final String RECEIVER = WebRiskOpsWebhooksProperties.PREFIX + ".receiver";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        boolean enabled = binder.bind(RECEIVER + ".enabled", Boolean.class).orElse(true);
        if (!enabled) {
            return ConditionOutcome.noMatch(RECEIVER + ".enabled is false");
        }
        if (isSet(context, binder, RECEIVER + ".paths") || isSet(context, binder, RECEIVER + ".secrets")) {
            return ConditionOutcome.match(RECEIVER + ".paths or .secrets is set");
        }
        return ConditionOutcome.noMatch("neither " + RECEIVER + ".paths nor .secrets is set");
    }

    private static boolean isSet(ConditionContext context, Binder binder, String name) {
        return context.getEnvironment().containsProperty(name)
                || binder.bind(name, Bindable.listOf(String.class)).isBound();
    }
}
