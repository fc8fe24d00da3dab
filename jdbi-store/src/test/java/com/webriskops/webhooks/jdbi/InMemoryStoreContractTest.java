package com.webriskops.webhooks.jdbi;

import com.webriskops.webhooks.idempotency.IdempotentResponseStore;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;

/** The contract run on core's in-memory stores, to prove the suite describes them. */
class InMemoryStoreContractTest extends StoreContractTest {
    private final ReplayStore replayStore = new InMemoryReplayStore();
    private final IdempotencyStore idempotencyStore = new InMemoryIdempotencyStore();
    private final IdempotentResponseStore responseStore = IdempotentResponseStore.inMemory();

    @Override
    public IdempotentResponseStore responseStore() {
        return responseStore;
    }

    @Override
    ReplayStore replayStore() {
        return replayStore;
    }

    @Override
    IdempotencyStore idempotencyStore() {
        return idempotencyStore;
    }
}
