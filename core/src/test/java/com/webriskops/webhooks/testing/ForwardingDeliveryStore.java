package com.webriskops.webhooks.testing;

import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A {@link DeliveryStore} that hands each of the interface's abstract methods to a delegate, for tests
 * that make one operation fail, or count it: they override that one. The default methods run as the
 * interface defines them, over the forwarded ones, unless overridden too.
 */
public class ForwardingDeliveryStore implements DeliveryStore {
    /** The store every call goes to. */
    protected final DeliveryStore delegate;

    /** A store that forwards to {@code delegate}. */
    public ForwardingDeliveryStore(DeliveryStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Delivery enqueue(String owner, ExportTarget target, ExportRequest export, Instant now) {
        return delegate.enqueue(owner, target, export, now);
    }

    @Override
    public String ownerOf(long id) {
        return delegate.ownerOf(id);
    }

    @Override
    public List<ClaimedDelivery> claimDue(String owner, Instant now, Duration lease, int limit) {
        return delegate.claimDue(owner, now, lease, limit);
    }

    @Override
    public boolean reschedule(ClaimedDelivery claim, AttemptOutcome outcome, Instant nextAttemptAt, Instant now) {
        return delegate.reschedule(claim, outcome, nextAttemptAt, now);
    }

    @Override
    public boolean finish(ClaimedDelivery claim, AttemptOutcome outcome, DeliveryStatus status, Instant now) {
        return delegate.finish(claim, outcome, status, now);
    }

    @Override
    public boolean release(ClaimedDelivery claim, Instant now) {
        return delegate.release(claim, now);
    }

    @Override
    @Nullable
    public Delivery find(long id) {
        return delegate.find(id);
    }

    @Override
    @Nullable
    public Delivery findByIdempotencyKey(String idempotencyKey) {
        return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Delivery> list(@Nullable DeliveryStatus status, int limit) {
        return delegate.list(status, limit);
    }

    @Override
    public boolean retryOnRequest(long id, Instant now) {
        return delegate.retryOnRequest(id, now);
    }
}
