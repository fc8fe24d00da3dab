package com.webriskops.webhooks.servlet;

import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reports how the application answered one verified delivery: finished with the final status, or
 * abandoned when it failed. Also the {@link AsyncListener} that decides when an asynchronous request
 * ends rather than when the filter chain returns. Containers may report an async request more than
 * once (an error, then its completion): the receiver records the first report only ({@link
 * WebhookReceiver#finish} is idempotent). Thread-safe.
 */
final class DeliveryOutcome<P> implements AsyncListener {
    private final WebhookReceiver<P> receiver;
    private final VerifiedDelivery<P> delivery;
    private final HttpServletResponse response;

    DeliveryOutcome(WebhookReceiver<P> receiver, VerifiedDelivery<P> delivery, HttpServletResponse response) {
        this.receiver = receiver;
        this.delivery = delivery;
        this.response = response;
    }

    void finish() {
        receiver.finish(delivery, response.getStatus());
    }

    void abandon() {
        receiver.abandon(delivery);
    }

    @Override
    public void onComplete(AsyncEvent event) {
        finish();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        abandon();
    }

    @Override
    public void onError(AsyncEvent event) {
        abandon();
    }

    /** Listeners are dropped when the application starts async again; stay registered. */
    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
