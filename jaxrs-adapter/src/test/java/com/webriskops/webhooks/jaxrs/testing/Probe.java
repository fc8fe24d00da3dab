package com.webriskops.webhooks.jaxrs.testing;

import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the probe resources saw, beyond what {@link com.webriskops.webhooks.testing.RecordingHandler} records. */
public final class Probe {
    /**
     * One call of a probe resource.
     *
     * @param path the resource path that ran
     * @param entity the typed payload the runtime read as the entity parameter, if the method took it
     * @param entityBytes the bytes the runtime read as the entity parameter, if the method took them
     * @param fromHelper the delivery read with {@code VerifiedDeliveries.from}
     * @param fromProperty the request property {@code VerifiedDelivery.ATTRIBUTE}, read directly
     */
    public record Call(
            String path,
            @Nullable TicketExportWebhook entity,
            @Nullable byte[] entityBytes,
            @Nullable VerifiedDelivery fromHelper,
            @Nullable Object fromProperty) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    void record(Call call) {
        calls.add(call);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }
}
