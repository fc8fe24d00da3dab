package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.annotation.Nullable;
import java.security.Principal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the probe resources and the application's own filter saw, beyond what {@link
 * com.webriskops.webhooks.testing.RecordingHandler} records. Thread-safe.
 */
public final class Probe {
    /**
     * One call of a probe resource.
     *
     * @param path the resource path that ran
     * @param entity the typed payload the runtime read as the entity parameter, if the method took it
     * @param entityBytes the bytes the runtime read as the entity parameter, if the method took them
     * @param delivery the delivery read from the injected security context, if any
     * @param principal the injected security context's principal
     */
    public record Call(
            String path,
            @Nullable TicketExportWebhook entity,
            @Nullable byte[] entityBytes,
            @Nullable VerifiedDelivery<?> delivery,
            @Nullable Principal principal) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<VerifiedDelivery<?>> propertiesSeenByFilter = new CopyOnWriteArrayList<>();

    void record(Call call) {
        calls.add(call);
    }

    void filterSaw(VerifiedDelivery<?> delivery) {
        propertiesSeenByFilter.add(delivery);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The request property {@code VerifiedDelivery.ATTRIBUTE} as the application's own filter read it. */
    public List<VerifiedDelivery<?>> propertiesSeenByFilter() {
        return List.copyOf(propertiesSeenByFilter);
    }
}
