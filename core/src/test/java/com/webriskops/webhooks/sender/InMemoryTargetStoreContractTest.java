package com.webriskops.webhooks.sender;

import com.webriskops.webhooks.testing.TargetStoreContract;

/** The target store contract on {@link InMemoryTargetStore}. */
class InMemoryTargetStoreContractTest extends TargetStoreContract {
    @Override
    protected TargetStore emptyStore() {
        return new InMemoryTargetStore();
    }
}
