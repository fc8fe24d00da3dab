package com.webriskops.webhooks.sender.outbox;

import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.testing.DeliveryStoreContract;

/** The delivery store contract on {@link InMemoryDeliveryStore}. */
class InMemoryDeliveryStoreContractTest extends DeliveryStoreContract {
    @Override
    protected DeliveryStore emptyStore() {
        return new InMemoryDeliveryStore();
    }

    @Override
    protected int maxAttemptLog() {
        return InMemoryDeliveryStore.MAX_ATTEMPT_LOG;
    }
}
