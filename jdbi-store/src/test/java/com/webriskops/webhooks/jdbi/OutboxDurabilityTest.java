package com.webriskops.webhooks.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.jdbi.testing.DatabaseServers;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.RetryPolicy;
import com.webriskops.webhooks.sender.outbox.Dispatcher;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.DeliveryStoreContract;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The outbox on a real PostgreSQL, end to end: dispatchers deliver over HTTP to the kit's receiver on
 * loopback, counted by idempotency key. Two dispatchers on separate pools never send one delivery
 * twice; a dispatcher process killed with SIGKILL loses nothing, and only the attempts it had in
 * flight may be sent again. Runs on embedded PostgreSQL and on the configured PostgreSQL server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "{0}")
@EnumSource(names = {"EMBEDDED_POSTGRES", "POSTGRES_SERVICE"})
class OutboxDurabilityTest {
    @Parameter
    TestDatabase database;

    static final int DELIVERIES = 300;
    /** The lease of the dispatcher that is killed, so its successor reclaims its work soon. */
    static final Duration LEASE = Duration.ofSeconds(4);
    /**
     * The lease of dispatchers that stay alive: far longer than any batch takes even in a cold JVM on a
     * loaded machine, so a key sent twice is a real fault, never a lease that ran out mid-batch.
     */
    static final Duration STEADY_LEASE = Duration.ofMinutes(5);
    /** How long a test waits for every delivery: a bound only a fault reaches. */
    static final Duration PATIENCE = Duration.ofSeconds(180);

    private final List<JdbcConnectionPool> pools = new ArrayList<>();
    private String prefix;
    private CountingReceiver receiver;
    private ExportTarget target;

    private TestDatabase.Server server;

    @TempDir
    Path temp;

    @BeforeParameterizedClassInvocation
    void startDatabase() {
        server = database.start();
    }

    @AfterParameterizedClassInvocation
    void stopDatabase() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** The JDBC URL of the database under test (the child process opens it too). */
    private String jdbcUrl() {
        return server.url();
    }

    static Dispatcher dispatcher(DeliveryStore store, ExportTarget target, String owner) {
        return dispatcher(store, target, owner, LEASE);
    }

    static Dispatcher dispatcher(DeliveryStore store, ExportTarget target, String owner, Duration lease) {
        return Dispatcher.builder()
                .store(store)
                .sender(OutboxDispatcherMain.sender(lease))
                .targets(id -> id == target.id() ? target : null)
                .retryPolicy(RetryPolicy.builder()
                        .maxAttempts(50)
                        .initialBackoff(Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(1))
                        .build())
                .workers(4)
                .pollInterval(Duration.ofMillis(50))
                .lease(lease)
                .owner(owner)
                .build();
    }

    @BeforeEach
    void setUp() throws IOException {
        prefix = DatabaseServers.uniquePrefix("t");
        JdbiStores.migrate(pool(), prefix);
    }

    @AfterEach
    void tearDown() {
        if (receiver != null) {
            receiver.close();
        }
        if (!pools.isEmpty()) {
            DatabaseServers.dropTables(pools.get(0), prefix);
        }
        pools.forEach(JdbcConnectionPool::dispose);
        pools.clear();
    }

    private DataSource pool() {
        JdbcConnectionPool pool = database.pool(jdbcUrl());
        pools.add(pool);
        return pool;
    }

    /** A store on its own pool and {@link Jdbi}, as a separate application instance has. */
    private DeliveryStore newInstance() {
        return JdbiStores.builder(Jdbi.create(pool()))
                .tablePrefix(prefix)
                .build()
                .deliveryStore();
    }

    DeliveryStore enqueueAll(long receiverDelayMillis) throws IOException {
        receiver = new CountingReceiver(receiverDelayMillis);
        target = CountingReceiver.target(receiver.url());
        DeliveryStore store = newInstance();
        Instant now = Instant.now();
        for (int i = 0; i < DELIVERIES; i++) {
            store.enqueue(target, DeliveryStoreContract.export("durable-" + prefix + i), now);
        }
        return store;
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEveryDeliveryExactlyOnce() throws Exception {
        DeliveryStore store = enqueueAll(0);
        try (Dispatcher first = dispatcher(newInstance(), target, "first", STEADY_LEASE);
                Dispatcher second = dispatcher(newInstance(), target, "second", STEADY_LEASE)) {
            first.start();
            second.start();
            awaitExported(receiver, store, PATIENCE);
        }

        assertThat(store.list(DeliveryStatus.EXPORTED, 1_000)).hasSize(DELIVERIES);
        assertThat(receiver.requests).hasSize(DELIVERIES);
        assertThat(receiver.duplicates()).as("keys sent twice").isEmpty();
        assertThat(receiver.accepted).hasSize(DELIVERIES);
    }

    @Test
    void aDispatcherProcessKilledMidRunLosesNothingAndRepeatsOnlyItsLeasedAttempts() throws Exception {
        DeliveryStore store = enqueueAll(20);
        File log = temp.resolve("child.log").toFile();
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OutboxDispatcherMain.class.getName(),
                        jdbcUrl(),
                        prefix,
                        receiver.url())
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        int leasedAtKill;
        try {
            await(() -> receiver.total.get() >= 60 || !child.isAlive(), PATIENCE, "child delivering");
            assertThat(child.isAlive())
                    .as("child alive; its log:%n%s", read(log))
                    .isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        int deliveredBeforeKill = store.list(DeliveryStatus.EXPORTED, 1_000).size();
        leasedAtKill = store.list(DeliveryStatus.SENDING, 1_000).size();
        assertThat(deliveredBeforeKill).as("killed mid-run").isLessThan(DELIVERIES);
        // Its 4 workers each claim a batch; each has at most one attempt in flight.
        assertThat(leasedAtKill).as("the killed process held leases").isBetween(1, 4 * Dispatcher.DEFAULT_BATCH_SIZE);

        try (Dispatcher successor = dispatcher(newInstance(), target, "successor", STEADY_LEASE)) {
            successor.start();
            awaitExported(receiver, store, PATIENCE);
        }

        assertThat(store.list(DeliveryStatus.EXPORTED, 1_000)).hasSize(DELIVERIES);
        assertThat(receiver.requests).as("every delivery arrived").hasSize(DELIVERIES);
        assertThat(receiver.duplicates().size())
                .as("keys sent twice, at most the attempts in flight at the kill (one per worker)")
                .isLessThanOrEqualTo(Math.min(4, leasedAtKill));
        assertThat(receiver.accepted).hasSize(DELIVERIES);
        assertThat(receiver.accepted.values())
                .allSatisfy(count -> assertThat(count).hasValue(1));
    }

    /** Waits (cheaply, on the receiver's count first) until every delivery is recorded exported. */
    static void awaitExported(CountingReceiver receiver, DeliveryStore store, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        await(() -> receiver.accepted.size() == DELIVERIES, timeout, "all " + DELIVERIES + " received");
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        await(
                () -> store.list(DeliveryStatus.EXPORTED, 1_000).size() == DELIVERIES,
                left,
                "all " + DELIVERIES + " recorded exported");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
