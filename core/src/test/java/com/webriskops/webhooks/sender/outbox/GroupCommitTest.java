package com.webriskops.webhooks.sender.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.AttemptOutcome;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.internal.InMemoryDeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore.ClaimedDelivery;
import com.webriskops.webhooks.sender.spi.DeliveryStore.WriteBack;
import com.webriskops.webhooks.store.StoreException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's group commit: write-backs that arrive while a commit runs are recorded together in
 * the next one, each worker learns its own result, and a failed commit fails every worker in it.
 */
class GroupCommitTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private final InMemoryDeliveryStore real = new InMemoryDeliveryStore();
    /** The sizes of the groups the store was asked to record, in order. */
    private final List<Integer> groups = new CopyOnWriteArrayList<>();

    private final CountDownLatch firstCommitMayEnd = new CountDownLatch(1);
    private volatile boolean failSecondCommit;

    /** The real store, except that the first record call waits for the latch and the second may fail. */
    private DeliveryStore store() {
        return (DeliveryStore) Proxy.newProxyInstance(
                DeliveryStore.class.getClassLoader(), new Class<?>[] {DeliveryStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("record")) {
                        List<?> batch = (List<?>) args[0];
                        groups.add(batch.size());
                        if (groups.size() == 1) {
                            assertThat(firstCommitMayEnd.await(120, TimeUnit.SECONDS))
                                    .isTrue();
                        } else if (failSecondCommit) {
                            throw new StoreException("the database is down");
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private List<WriteBack> exportedWriteBacks(int n) {
        for (int i = 0; i < n; i++) {
            real.enqueue(SenderFixtures.loopbackTarget("http://127.0.0.1:9/hook"), SenderFixtures.export(), NOW);
        }
        List<ClaimedDelivery> claims = real.claimDue("d", NOW, Duration.ofMinutes(5), n);
        assertThat(claims).hasSize(n);
        List<WriteBack> writeBacks = new ArrayList<>();
        for (ClaimedDelivery claim : claims) {
            AttemptOutcome outcome = AttemptOutcome.exported(claim.attemptNumber(), "delivered", NOW, NOW);
            writeBacks.add(WriteBack.finish(claim, outcome, DeliveryStatus.EXPORTED, NOW));
        }
        return writeBacks;
    }

    @Test
    void writeBacksArrivingDuringACommitShareTheNextOne() throws Exception {
        Dispatcher.GroupCommit commits = new Dispatcher.GroupCommit(store());
        List<WriteBack> writeBacks = exportedWriteBacks(3);

        List<CompletableFuture<Boolean>> workers = oneCommittingTwoQueued(commits, writeBacks);

        assertThat(workers.get(0).get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.get(1).get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.get(2).get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(groups).containsExactly(1, 2);
        assertThat(real.list(DeliveryStatus.EXPORTED, 10)).hasSize(3);
        // A claim written back already is not current any more: its worker hears false.
        assertThat(commits.record(writeBacks.get(0))).isFalse();
    }

    @Test
    void aFailedCommitFailsEveryWorkerInItAndNoOther() throws Exception {
        Dispatcher.GroupCommit commits = new Dispatcher.GroupCommit(store());
        List<WriteBack> writeBacks = exportedWriteBacks(3);
        failSecondCommit = true;

        List<CompletableFuture<Boolean>> workers = oneCommittingTwoQueued(commits, writeBacks);

        assertThat(workers.get(0).get(120, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> failed : workers.subList(1, 3)) {
            try {
                failed.get(120, TimeUnit.SECONDS);
                throw new AssertionError("the write-back should have failed");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(StoreException.class);
            }
        }
        assertThat(groups).containsExactly(1, 2);
        assertThat(real.list(DeliveryStatus.EXPORTED, 10)).hasSize(1);
        assertThat(real.list(DeliveryStatus.SENDING, 10)).hasSize(2);
    }

    @Test
    void anInterruptedWorkerStillWaitsForItsResultAndKeepsTheInterrupt() throws Exception {
        Dispatcher.GroupCommit commits = new Dispatcher.GroupCommit(store());
        List<WriteBack> writeBacks = exportedWriteBacks(2);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> commits.record(writeBacks.get(0)));
        awaitCondition(() -> groups.size() == 1);
        CompletableFuture<Boolean> secondRecorded = new CompletableFuture<>();
        CompletableFuture<Boolean> secondInterrupted = new CompletableFuture<>();
        Thread second = new Thread(() -> {
            try {
                secondRecorded.complete(commits.record(writeBacks.get(1)));
                secondInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                secondRecorded.completeExceptionally(e);
            }
        });
        second.start();
        awaitCondition(() -> commits.queued() == 1);

        second.interrupt();
        awaitCondition(() -> second.getState() == Thread.State.WAITING);
        assertThat(secondRecorded).isNotDone();
        firstCommitMayEnd.countDown();

        assertThat(first.get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(secondRecorded.get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(secondInterrupted.get(120, TimeUnit.SECONDS)).isTrue();
        assertThat(groups).containsExactly(1, 1);
        assertThat(real.list(DeliveryStatus.EXPORTED, 10)).hasSize(2);
    }

    @Test
    void aLoneWriteBackIsCommittedAtOnceByItsOwnWorker() {
        firstCommitMayEnd.countDown();
        Dispatcher.GroupCommit commits = new Dispatcher.GroupCommit(store());
        WriteBack writeBack = exportedWriteBacks(1).get(0);
        AttemptOutcome retry = AttemptOutcome.retry(
                writeBack.claim().attemptNumber(), ErrorCode.WEBHOOK_DELIVERY_FAILED, "busy", true, NOW, NOW);

        assertThat(commits.record(WriteBack.reschedule(writeBack.claim(), retry, NOW.plusSeconds(5), NOW)))
                .isTrue();
        assertThat(groups).containsExactly(1);
        assertThat(real.find(writeBack.claim().id()).status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
    }

    /**
     * Three workers recording the three write-backs: the first alone in a commit that waits, the other
     * two queued behind it, then the first commit let go. Returns the workers' results, in order.
     */
    private List<CompletableFuture<Boolean>> oneCommittingTwoQueued(
            Dispatcher.GroupCommit commits, List<WriteBack> writeBacks) throws InterruptedException {
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> commits.record(writeBacks.get(0)));
        awaitCondition(() -> groups.size() == 1);
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> commits.record(writeBacks.get(1)));
        CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> commits.record(writeBacks.get(2)));
        awaitCondition(() -> commits.queued() == 2);
        firstCommitMayEnd.countDown();
        return List.of(first, second, third);
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in 120 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
