package com.webriskops.webhooks.spring.internal;

import com.webriskops.webhooks.receiver.ReceiveResult;
import com.webriskops.webhooks.receiver.Rejection;
import com.webriskops.webhooks.receiver.VerificationListener;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One listener that tells several, each call contained (one listener's failure does not skip the rest). */
public final class CompositeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(CompositeListeners.class);

    private CompositeListeners() {}

    /** The listeners as one; {@link VerificationListener#NONE} for none. */
    public static VerificationListener verification(List<VerificationListener> listeners) {
        if (listeners.isEmpty()) {
            return VerificationListener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        List<VerificationListener> all = List.copyOf(listeners);
        return new VerificationListener() {
            @Override
            public void onAccepted(VerifiedDelivery<?> delivery) {
                each(all, l -> l.onAccepted(delivery));
            }

            @Override
            public void onDuplicate(String idempotencyKey) {
                each(all, l -> l.onDuplicate(idempotencyKey));
            }

            @Override
            public void onRejected(Rejection rejection) {
                each(all, l -> l.onRejected(rejection));
            }

            @Override
            public void onReplayed(String replayId) {
                each(all, l -> l.onReplayed(replayId));
            }

            @Override
            public void onVerified(ReceiveResult<?> result, Duration elapsed) {
                each(all, l -> l.onVerified(result, elapsed));
            }

            @Override
            public void onFinished(VerifiedDelivery<?> delivery, int status, boolean completed) {
                each(all, l -> l.onFinished(delivery, status, completed));
            }
        };
    }

    /** The listeners as one; {@link Dispatcher.Listener#NONE} for none. */
    public static Dispatcher.Listener delivery(List<Dispatcher.Listener> listeners) {
        if (listeners.isEmpty()) {
            return Dispatcher.Listener.NONE;
        }
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        List<Dispatcher.Listener> all = List.copyOf(listeners);
        return new Dispatcher.Listener() {
            @Override
            public void onAttempt(AttemptOutcome outcome, DeliveryStatus status) {
                each(all, l -> l.onAttempt(outcome, status));
            }
        };
    }

    private static <T> void each(List<T> listeners, Consumer<T> call) {
        for (T listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("A webhook listener threw; ignoring it", e);
            }
        }
    }
}
