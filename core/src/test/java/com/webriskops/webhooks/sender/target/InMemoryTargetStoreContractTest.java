package com.webriskops.webhooks.sender.target;

import com.webriskops.webhooks.sender.internal.InMemoryTargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.testing.TargetStoreContract;

/** The target store contract on {@link InMemoryTargetStore}. */
class InMemoryTargetStoreContractTest extends TargetStoreContract {
    @Override
    protected TargetStore emptyStore() {
        return new InMemoryTargetStore();
    }
}
