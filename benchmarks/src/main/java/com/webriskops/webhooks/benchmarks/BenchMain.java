package com.webriskops.webhooks.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.webriskops.webhooks.jdbi.JdbiStores;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.store.IdempotencyStore;
import com.webriskops.webhooks.store.InMemoryIdempotencyStore;
import com.webriskops.webhooks.store.InMemoryReplayStore;
import com.webriskops.webhooks.store.ReplayStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs B1 to B7 of the benchmarks issue (B7: the payload scan on adversarial 256 KiB bodies), each figure beside its limit in interleaved rounds, profiles
 * missed targets with JFR, and writes {@code latest.json} and {@code latest.md}. Started by {@code
 * benchmarks/run}; system properties {@code bench.rounds}, {@code bench.only} (such as {@code
 * B1,B3}) and {@code bench.b3} (B3's rows: {@code jersey-memory}, {@code jersey-pg}, {@code jetty-memory},
 * {@code jetty-pg}) narrow a run while developing.
 */
public final class BenchMain {
    /** 1.7 KiB (the documents' example), 4 KiB, 64 KiB. */
    private static final int[] SIZES = {1741, 4096, 65536};

    private static final int CONNECTIONS = 16;
    /** Deliveries a B5 warm-up batch sends, and the most batches before the rounds start anyway. */
    private static final int WARM_BATCH = 5_000;

    private static final int WARM_BATCHES = 12;
    /** One B3 turn of the kit or of its limit. */
    private static final Duration B3_WINDOW = Duration.ofSeconds(3);
    /** Entries the in-memory receiver stores of B3 hold. */
    private static final int MEMORY_STORE_CAPACITY = 2_000_000;

    private final int rounds = Integer.getInteger("bench.rounds", 3);
    private final Set<String> only =
            Set.of(System.getProperty("bench.only", "B1,B2,B3,B4,B5,B6,B7").split(","));
    /** The B3 rows to run while developing ({@code bench.b3}, such as {@code jetty-pg,jetty-memory}); all by default. */
    private final Set<String> b3Rows =
            Set.of(System.getProperty("bench.b3", "all").split(","));

    private final Path out;
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private EmbeddedPostgres postgres;
    /** Started with the run; missed targets are profiled as windows of its one recording. */
    private Profiling profiling;

    private String jdbcUrl;

    private BenchMain(Path out) {
        this.out = out;
    }

    /**
     * Argument: the results folder.
     *
     * @throws Exception if a benchmark fails
     */
    public static void main(String[] args) throws Exception {
        new BenchMain(Path.of(args.length > 0 ? args[0] : "benchmarks/results")).run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(out.resolve("jfr"));
        profiling = Profiling.start();
        Instant started = Instant.now();
        extra.put("load_average_at_start", Figure.load());
        if (only.contains("B1") || only.contains("B2")) {
            micro();
        }
        if (only.contains("B7")) {
            payloadScan();
        }
        if (only.contains("B3") || only.contains("B4") || only.contains("B5") || only.contains("B6")) {
            postgres = EmbeddedPostgres.builder().start();
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                Cpu.watchPostgres(connection);
            }
        }
        try {
            if (only.contains("B3")) {
                http();
            }
            if (only.contains("B4")) {
                stores();
            }
            if (only.contains("B5")) {
                sender();
            }
            if (only.contains("B6")) {
                heap();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        extra.put("total_seconds", Duration.between(started, Instant.now()).toSeconds());
        profiling.finish(out);
        Report.write(out, figures, extra, rounds);
    }

    // ---------------------------------------------------------------- B1, B2

    private void micro() throws Exception {
        Map<Integer, Figure> b1 = new LinkedHashMap<>();
        Map<Integer, Figure> b2 = new LinkedHashMap<>();
        for (int size : SIZES) {
            Figure f1 = new Figure("B1", "signature check, " + kib(size), "checks/s", "raw JCA HMAC-SHA256");
            f1.target = ">= 0.8 x limit";
            Figure f2 = new Figure(
                    "B2",
                    "stateless pipeline (headers, HMAC, typed parse, Bean Validation), " + kib(size),
                    "verifications/s",
                    "stripe-java 33.3.0 Webhook.constructEvent, same size");
            f2.target = ">= 1.0 x limit";
            b1.put(size, f1);
            b2.put(size, f2);
        }
        for (int round = 1; round <= rounds; round++) {
            for (int size : SIZES) {
                b1.get(size).limits.add(jmh("rawHmac", size));
                b2.get(size).limits.add(jmh("stripeConstructEvent", size));
                b1.get(size).values.add(jmh("signatureCheck", size));
                b2.get(size).values.add(jmh("pipeline", size));
                log("B1/B2 round " + round + " " + size + ": " + b1.get(size).values + " " + b2.get(size).values);
            }
        }
        for (int size : SIZES) {
            Figure f1 = b1.get(size);
            f1.verdict(Figure.median(f1.ratios()) >= 0.8);
            Figure f2 = b2.get(size);
            f2.verdict(Figure.median(f2.ratios()) >= 1.0);
            if (only.contains("B1")) {
                figures.add(f1);
            }
            if (only.contains("B2")) {
                figures.add(f2);
            }
            if (f1.missed()) {
                profiling.profile(f1.notes, "B1-" + size, microLoop("signatureCheck", size));
            }
            if (f2.missed()) {
                profiling.profile(f2.notes, "B2-" + size, microLoop("pipeline", size));
            }
        }
    }

    private static double jmh(String method, int size) throws Exception {
        return jmhScore(SignatureBenchmarks.class.getName() + "." + method + "$", "size", Integer.toString(size));
    }

    /** One JMH benchmark, one parameter, in one fork: its primary score. */
    private static double jmhScore(String include, String param, String value) throws Exception {
        RunResult result = new Runner(new OptionsBuilder()
                        .include(include)
                        .param(param, value)
                        .forks(1)
                        .threads(1)
                        // A fork's first seconds compile the validator's and the parser's paths (two busy
                        // cores compile slowly); rounds before that compare interpreters.
                        .warmupIterations(3)
                        .warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3)
                        .measurementTime(TimeValue.seconds(1))
                        .jvmArgs("-Xms512m", "-Xmx512m")
                        .verbosity(VerboseMode.SILENT)
                        .build())
                .runSingle();
        return result.getPrimaryResult().getScore();
    }

    private static Runnable microLoop(String method, int size) {
        return () -> {
            SignatureBenchmarks bench = new SignatureBenchmarks();
            bench.size = size;
            try {
                bench.setUp();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < end) {
                for (int i = 0; i < 100; i++) {
                    if (method.equals("pipeline")) {
                        bench.pipeline();
                    } else {
                        bench.signatureCheck();
                    }
                }
            }
        };
    }

    // ---------------------------------------------------------------- B7

    private void payloadScan() throws Exception {
        List<String> bodies =
                List.of("dash-eyJ", "slash-private", "jwt-dots", "bearer", "assignment", "screenshots", "unc");
        Map<String, Figure> b7 = new LinkedHashMap<>();
        for (String body : bodies) {
            Figure figure = new Figure(
                    "B7",
                    "payload scan, 256 KiB adversarial summary (" + body + ")",
                    "ms/scan",
                    "same scan, 256 KiB benign summary");
            figure.target = "<= 3 x limit (linear: milliseconds, like a benign body)";
            b7.put(body, figure);
        }
        for (int round = 1; round <= rounds; round++) {
            double limit = jmhScan("benign");
            for (String body : bodies) {
                Figure figure = b7.get(body);
                figure.limits.add(limit);
                figure.values.add(jmhScan(body));
                log("B7 round " + round + " " + body + ": " + figure.values + " / " + figure.limits);
            }
        }
        for (Figure figure : b7.values()) {
            figure.verdict(Figure.median(figure.ratios()) <= 3.0);
            figures.add(figure);
        }
    }

    private static double jmhScan(String body) throws Exception {
        return jmhScore(PayloadScanBenchmarks.class.getName() + ".scan$", "body", body);
    }

    // ---------------------------------------------------------------- B3

    private void http() throws Exception {
        byte[] template = Payloads.template(4096);
        for (String container : List.of("Jersey servlet container on Jetty 12", "Jetty 12 servlet")) {
            for (String storeKind : List.of("memory", "PostgreSQL")) {
                boolean pg = storeKind.equals("PostgreSQL");
                String row = (container.startsWith("Jersey") ? "jersey-" : "jetty-") + (pg ? "pg" : "memory");
                if (!b3Rows.contains("all") && !b3Rows.contains(row)) {
                    continue;
                }
                Figure figure = new Figure(
                        "B3",
                        container + ", kit + " + storeKind + " stores, 4 KiB, " + CONNECTIONS + " connections",
                        "requests/s",
                        "same resource, no filter, same server");
                figure.target = pg ? ">= 0.5 x limit" : ">= 0.8 x limit";
                JdbcConnectionPool pool = pg ? Db.pool(jdbcUrl, 40) : null;
                WebhookReceiver<TicketExportWebhook> receiver = receiver(pool, prefix());
                try (Servers.Running server =
                                container.startsWith("Jersey") ? Servers.jersey(receiver) : Servers.jetty(receiver);
                        HttpDriver client = new HttpDriver(CONNECTIONS)) {
                    URI hook = server.base().resolve("hook");
                    URI plain = server.base().resolve("plain");
                    if (pool != null) {
                        figure.notes.addAll(databaseWork(container, client, template));
                    }
                    figure.notes.add(warmUp(client, hook, plain, template));
                    List<Cpu.Spent> kitCpu = new ArrayList<>();
                    List<Cpu.Spent> plainCpu = new ArrayList<>();
                    double kitRequests = 0;
                    double plainRequests = 0;
                    for (int round = 1; round <= rounds; round++) {
                        Cpu before = Cpu.now();
                        double kit = load(client, hook, template, B3_WINDOW);
                        kitCpu.add(before.since());
                        before = Cpu.now();
                        double limit = load(client, plain, template, B3_WINDOW);
                        plainCpu.add(before.since());
                        kitRequests += kit * B3_WINDOW.toMillis() / 1000.0;
                        plainRequests += limit * B3_WINDOW.toMillis() / 1000.0;
                        figure.values.add(kit);
                        figure.limits.add(limit);
                        log("B3 " + figure.what + " round " + round + ": " + figure.values + " / " + figure.limits);
                    }
                    figure.notes.add(cpuPerRequest(kitCpu, kitRequests, plainCpu, plainRequests, pg));
                    figure.verdict(Figure.median(figure.ratios()) >= (pg ? 0.5 : 0.8));
                    if (figure.missed()) {
                        profiling.profile(figure.notes, "B3-" + slug(container) + "-" + slug(storeKind), () -> {
                            try {
                                load(client, hook, template, Duration.ofSeconds(4));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
                    }
                } finally {
                    if (pool != null) {
                        pool.dispose();
                    }
                }
                figures.add(figure);
            }
        }
    }

    /**
     * Runs the kit's resource and the plain one in turns of {@link #B3_WINDOW} until both run within 5%
     * of their previous turn while the JIT compilers take at most 5% of this JVM's CPU, for at least 30 s
     * and at most 60 s (the in-memory stores keep every nonce and key for minutes): on two cores shared by the server, the
     * load driver and PostgreSQL, the JIT needs tens of seconds to compile the request path, and rounds
     * measured before that compare interpreters. Servers run for hours; the figures are their steady
     * state, and the kit and its limit get the same warm-up.
     */
    private static String warmUp(HttpDriver client, URI hook, URI plain, byte[] template) throws Exception {
        long start = System.nanoTime();
        List<String> turns = new ArrayList<>();
        double lastKit = 0;
        double lastPlain = 0;
        while (true) {
            Cpu before = Cpu.now();
            double kit = load(client, hook, template, B3_WINDOW);
            double limit = load(client, plain, template, B3_WINDOW);
            Cpu.Spent spent = before.since();
            double compiling = spent.compilerSeconds() / spent.jvmSeconds();
            turns.add(String.format(Locale.ROOT, "%,.0f/%,.0f (JIT %.0f%%)", kit, limit, 100 * compiling));
            boolean steady = Math.abs(kit - lastKit) <= 0.05 * kit
                    && Math.abs(limit - lastPlain) <= 0.05 * limit
                    && compiling <= 0.05;
            lastKit = kit;
            lastPlain = limit;
            double seconds = (System.nanoTime() - start) / 1e9;
            if ((steady && seconds >= 30) || seconds >= 60) {
                return String.format(
                        Locale.ROOT,
                        "warm-up before the rounds: %.0f s, the kit and the limit in turns of %d s (requests/s, kit/limit,"
                                + " and the JIT compilers' share of this JVM's CPU: %s)%s",
                        seconds,
                        B3_WINDOW.toSeconds(),
                        String.join(", ", turns),
                        steady ? ", steady" : ", not yet steady at the 60 s cap");
            }
        }
    }

    /** What one request cost, with and without the kit: the note that says where a missed ratio goes. */
    private static String cpuPerRequest(
            List<Cpu.Spent> kit, double kitRequests, List<Cpu.Spent> plain, double plainRequests, boolean pg) {
        double kitJvm = kit.stream().mapToDouble(Cpu.Spent::jvmSeconds).sum() * 1e6 / kitRequests;
        double kitMachine = kit.stream().mapToDouble(Cpu.Spent::machineSeconds).sum() * 1e6 / kitRequests;
        double plainJvm = plain.stream().mapToDouble(Cpu.Spent::jvmSeconds).sum() * 1e6 / plainRequests;
        double plainMachine =
                plain.stream().mapToDouble(Cpu.Spent::machineSeconds).sum() * 1e6 / plainRequests;
        return String.format(
                Locale.ROOT,
                "CPU per request over the rounds, both cores, kernel included: %.0f µs with the kit (this JVM, i.e."
                        + " server, kit and load driver: %.0f µs%s), %.0f µs without it (JVM %.0f µs). The kit adds"
                        + " %.0f µs a request; a CPU-bound ratio of %.1f allows it %.0f µs",
                kitMachine,
                kitJvm,
                pg ? String.format(Locale.ROOT, "; PostgreSQL and the rest %.0f µs", kitMachine - kitJvm) : "",
                plainMachine,
                plainJvm,
                kitMachine - plainMachine,
                pg ? 0.5 : 0.8,
                plainMachine * ((pg ? 1 / 0.5 : 1 / 0.8) - 1));
    }

    /**
     * What one request through the kit asks of PostgreSQL, over 200 requests to a second server of the
     * same kind whose stores count them: the JDBC round trips (statement executions and commits, counted
     * as in B4) and the rows and index entries written ({@link TableWrites}). Counted before the warm-up,
     * on their own server, connections and tables, so the counting never runs in a measured round.
     */
    private List<String> databaseWork(String container, HttpDriver client, byte[] template) throws Exception {
        AtomicLong trips = new AtomicLong();
        int requests = 200;
        String prefix = prefix();
        JdbcConnectionPool reader = Db.pool(jdbcUrl, 1);
        JdbcConnectionPool pool = Db.pool(jdbcUrl, 16);
        try {
            WebhookReceiver<TicketExportWebhook> receiver = receiver(Db.counting(pool, trips), prefix);
            TableWrites writes = TableWrites.start(reader, prefix);
            try (Servers.Running server =
                    container.startsWith("Jersey") ? Servers.jersey(receiver) : Servers.jetty(receiver)) {
                URI hook = server.base().resolve("hook");
                Signer signer = new Signer(template, SignatureBenchmarks.SECRET_TEXT);
                trips.set(0);
                for (int i = 0; i < requests; i++) {
                    Signer.Signed signed = signer.next();
                    if (client.post(hook, signed.headers(), signed.body(), false) != 200) {
                        throw new IllegalStateException("the counted server did not answer 200");
                    }
                }
            }
            // A backend that exits reports its statistics at once (see TableWrites).
            pool.dispose();
            return List.of(
                    String.format(
                            Locale.ROOT,
                            "JDBC round trips per request (statement executions and commits, counted over %d"
                                    + " requests): %.2f",
                            requests,
                            trips.get() / (double) requests),
                    writes.since(requests, "request", "requests"));
        } finally {
            pool.dispose();
            reader.dispose();
        }
    }

    /** A receiver with memory stores when {@code pool} is null, else with JDBI stores in tables named {@code prefix*}. */
    private static WebhookReceiver<TicketExportWebhook> receiver(DataSource pool, String prefix) {
        // Sized for a whole figure at full speed: the default 100,000 nonces fill up in about 7 s at
        // the 14,000 requests/s Jetty reaches on a quiet machine, and a full store answers 503.
        ReplayStore replay = new InMemoryReplayStore(MEMORY_STORE_CAPACITY);
        IdempotencyStore idempotency = new InMemoryIdempotencyStore(MEMORY_STORE_CAPACITY);
        if (pool != null) {
            JdbiStores.migrate(pool, prefix);
            JdbiStores stores = JdbiStores.builder(pool).tablePrefix(prefix).build();
            replay = stores.replayStore();
            idempotency = stores.idempotencyStore();
        }
        return WebhookReceiver.builder()
                .secrets(WebhookSecret.of(SignatureBenchmarks.SECRET_TEXT))
                .replayStore(replay)
                .idempotencyStore(idempotency)
                .build();
    }

    private static double load(HttpDriver client, URI uri, byte[] template, Duration duration) throws Exception {
        return Load.throughput(CONNECTIONS, duration, () -> {
            Signer signer = new Signer(template, SignatureBenchmarks.SECRET_TEXT);
            return () -> {
                Signer.Signed signed = signer.next();
                return client.post(uri, signed.headers(), signed.body(), false) == 200;
            };
        });
    }

    // ---------------------------------------------------------------- B4

    private void stores() throws Exception {
        JdbcConnectionPool pool = Db.pool(jdbcUrl, 40);
        try {
            String prefix = prefix();
            JdbiStores.migrate(pool, prefix);
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE bench_rows (id varchar(255) PRIMARY KEY, at timestamptz NOT NULL)");
            }
            JdbiStores stores = JdbiStores.builder(pool).tablePrefix(prefix).build();
            AtomicLong trips = new AtomicLong();
            JdbiStores counted = JdbiStores.builder(Db.counting(pool, trips))
                    .tablePrefix(prefix)
                    .build();
            int checks = 200;
            Load.Op countedOp = replayAndClaim(counted.replayStore(), counted.idempotencyStore());
            for (int i = 0; i < checks; i++) {
                countedOp.run();
            }
            double tripsPerCheck = trips.get() / (2.0 * checks);
            extra.put("B4_round_trips_per_check", tripsPerCheck);
            for (int threads : new int[] {1, 8, 32}) {
                Figure figure = new Figure(
                        "B4",
                        "JDBI replay record + idempotency claim on PostgreSQL, " + threads + " thread(s)",
                        "checks/s",
                        "single-row INSERTs, one per round trip");
                figure.target = ">= 0.8 x limit, one round trip per check";
                figure.notes.add(String.format(
                        Locale.ROOT, "round trips per check (JDBC executes + commits, counted): %.2f", tripsPerCheck));
                Load.throughput(
                        threads,
                        Duration.ofSeconds(5),
                        () -> replayAndClaim(stores.replayStore(), stores.idempotencyStore()));
                Load.throughput(threads, Duration.ofSeconds(5), () -> inserts(pool));
                for (int round = 1; round <= rounds; round++) {
                    // Two checks (replay, claim) per operation: checks/s = 2 x operations/s; likewise two INSERTs.
                    figure.values.add(2
                            * Load.throughput(
                                    threads,
                                    Duration.ofSeconds(2),
                                    () -> replayAndClaim(stores.replayStore(), stores.idempotencyStore())));
                    figure.limits.add(2 * Load.throughput(threads, Duration.ofSeconds(2), () -> inserts(pool)));
                    log("B4 " + threads + " round " + round + ": " + figure.values + " / " + figure.limits);
                }
                figure.verdict(Figure.median(figure.ratios()) >= 0.8 && tripsPerCheck <= 1.0001);
                if (figure.missed()) {
                    profiling.profile(figure.notes, "B4-" + threads, () -> {
                        try {
                            Load.throughput(
                                    threads,
                                    Duration.ofSeconds(4),
                                    () -> replayAndClaim(stores.replayStore(), stores.idempotencyStore()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                figures.add(figure);
            }
        } finally {
            pool.dispose();
        }
    }

    private static Load.Op replayAndClaim(ReplayStore replay, IdempotencyStore idempotency) {
        return () -> {
            Instant now = Instant.now();
            String id = UUID.randomUUID().toString();
            boolean fresh = replay.recordIfAbsent("n-" + id, now, now.plusSeconds(600));
            return fresh
                    && idempotency.claim("k-" + id, now, Duration.ofMinutes(5)).token() != null;
        };
    }

    /** Two single-row INSERTs, each on a connection borrowed for it, as the stores borrow one per statement. */
    private static Load.Op inserts(DataSource pool) {
        return () -> {
            String id = UUID.randomUUID().toString();
            return insert(pool, "n-" + id) && insert(pool, "k-" + id);
        };
    }

    private static boolean insert(DataSource pool, String id) throws java.sql.SQLException {
        try (Connection connection = pool.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO bench_rows (id, at) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setTimestamp(2, java.sql.Timestamp.from(Instant.now()));
            return insert.executeUpdate() == 1;
        }
    }

    // ---------------------------------------------------------------- B5

    private void sender() throws Exception {
        int count = Integer.getInteger("bench.b5.count", 3_000);
        JdbcConnectionPool pool = Db.pool(jdbcUrl, 16);
        try (Sink sink = new Sink();
                HttpDriver client = new HttpDriver(CONNECTIONS)) {
            String prefix = prefix();
            JdbiStores.migrate(pool, prefix);
            JdbiStores stores = JdbiStores.builder(pool).tablePrefix(prefix).build();
            DeliveryStore store = stores.deliveryStore();
            SenderRuns.Loopback target = SenderRuns.target(stores, sink.url());
            URI uri = URI.create(sink.url());
            // Warm-up, as for B3, until the sender's rate holds: the JIT compiles the dispatcher's, the
            // store's and the client's paths before any round counts (after 10,000 deliveries its compiler
            // threads still spent more CPU per delivery than the dispatchers did). Batches of 5,000 (one
            // enqueued through the kit, the rest SQL copies of it) sent by 2 dispatchers, each followed by
            // as many plain POSTs (and a fifth as many with Connection: close, B5i's limit: unwarmed, its
            // compilations ran on into the 1-dispatcher rounds, 135-212 µs of JIT CPU per delivery), until a
            // batch runs within 10% of the one before while the JIT compilers take at most 5% of this JVM's
            // CPU: 3 to 12 batches.
            // Counted before the warm-up, as B3's are: run after it, its counting proxies and pools left the
            // JIT compiling the dispatchers' paths again in the 1-dispatcher rounds (225 µs of JIT CPU a
            // delivery in that run, 7-30 µs in runs without it).
            List<String> databaseWork = sendingWork(sink);
            long warmStart = System.nanoTime();
            SenderRuns.enqueue(store, target, 1_000, 4, "warm-");
            SenderRuns.dispatch(store, target, sink, 1_000, 2);
            Signer.Signed sample = sink.first.get();
            List<String> turns = new ArrayList<>();
            boolean steady = false;
            double last = 0;
            for (int batch = 1; batch <= WARM_BATCHES && !(steady && batch > 3); batch++) {
                SenderRuns.enqueue(store, target, 1, 1, "warm-" + batch + "-template-");
                SenderRuns.copies(pool, prefix, "warm-" + batch + "-", WARM_BATCH - 1);
                Cpu before = Cpu.now();
                double rate = SenderRuns.dispatch(store, target, sink, WARM_BATCH, 2);
                double limit = posts(client, uri, sample, WARM_BATCH, 2 * SenderRuns.WORKERS, false);
                // B5i's limit too: compiled here, its connect path no longer lands in the first rounds.
                posts(client, uri, sample, WARM_BATCH / 5, 2 * SenderRuns.WORKERS, true);
                Cpu.Spent spent = before.since();
                double compiling = spent.compilerSeconds() / spent.jvmSeconds();
                turns.add(String.format(Locale.ROOT, "%,.0f/%,.0f (JIT %.0f%%)", rate, limit, 100 * compiling));
                steady = Math.abs(rate - last) <= 0.1 * rate && compiling <= 0.05;
                last = rate;
            }
            String warmUp = String.format(
                    Locale.ROOT,
                    "warm-up before the rounds: %.0f s, batches of %,d deliveries sent by 2 dispatchers, each then as"
                            + " many plain POSTs and a fifth as many with Connection: close (deliveries/s /"
                            + " keep-alive POSTs/s, and the JIT compilers' share of this JVM's"
                            + " CPU: %s)%s; each round then sends %,d",
                    (System.nanoTime() - warmStart) / 1e9,
                    WARM_BATCH,
                    String.join(", ", turns),
                    steady ? ", steady" : ", not yet steady after " + WARM_BATCHES + " batches",
                    count);
            extra.put("B5_body_bytes", sample.body().length);
            for (int dispatchers : new int[] {1, 2}) {
                // The limit's client runs as many POSTs at once as the dispatchers have attempts in flight.
                int threads = dispatchers * SenderRuns.WORKERS;
                Figure figure = new Figure(
                        "B5",
                        "sender: PostgreSQL outbox -> loopback receiver, " + dispatchers + " dispatcher(s) x "
                                + SenderRuns.WORKERS + " workers",
                        "deliveries/s",
                        "plain POSTs of the same bytes, HttpClient 5, " + threads + " threads, keep-alive");
                Figure fresh = new Figure(
                        "B5i",
                        "(information) same figure, limit with a new connection per POST (the sender pools them)",
                        "deliveries/s",
                        "plain POSTs, HttpClient 5, " + threads + " threads, Connection: close");
                figure.target = dispatchers == 2 ? ">= 0.5 x limit and >= 3,000/s" : ">= 0.5 x limit";
                figure.notes.add(warmUp);
                figure.notes.addAll(databaseWork);
                List<Cpu.Spent> senderCpu = new ArrayList<>();
                List<Cpu.Spent> postCpu = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    SenderRuns.enqueue(store, target, 1, 1, "r" + dispatchers + "-" + round + "-template-");
                    SenderRuns.copies(pool, prefix, "r" + dispatchers + "-" + round + "-", count - 1);
                    Cpu before = Cpu.now();
                    double rate = SenderRuns.dispatch(store, target, sink, count, dispatchers);
                    senderCpu.add(before.since());
                    figure.values.add(rate);
                    fresh.values.add(rate);
                    before = Cpu.now();
                    figure.limits.add(posts(client, uri, sample, count, threads, false));
                    postCpu.add(before.since());
                    fresh.limits.add(posts(client, uri, sample, count, threads, true));
                    log("B5 " + dispatchers + " round " + round + ": " + figure.values + " / " + figure.limits + " / "
                            + fresh.limits);
                }
                double sent = (double) count * rounds;
                figure.notes.add(String.format(
                        Locale.ROOT,
                        "CPU per delivery over the rounds, both cores, kernel included: %.0f µs (this JVM, i.e. dispatchers"
                                + " and receiver: %.0f µs, of which its JIT compilers %.0f µs; PostgreSQL's processes:"
                                + " %.0f µs; the rest of the machine, other work included: %.0f µs); per plain POST %.0f µs"
                                + " (JVM %.0f µs, JIT compilers %.0f µs)",
                        senderCpu.stream()
                                        .mapToDouble(Cpu.Spent::machineSeconds)
                                        .sum()
                                * 1e6
                                / sent,
                        senderCpu.stream().mapToDouble(Cpu.Spent::jvmSeconds).sum() * 1e6 / sent,
                        senderCpu.stream()
                                        .mapToDouble(Cpu.Spent::compilerSeconds)
                                        .sum()
                                * 1e6
                                / sent,
                        senderCpu.stream()
                                        .mapToDouble(Cpu.Spent::postgresSeconds)
                                        .sum()
                                * 1e6
                                / sent,
                        senderCpu.stream()
                                        .mapToDouble(spent ->
                                                spent.machineSeconds() - spent.jvmSeconds() - spent.postgresSeconds())
                                        .sum()
                                * 1e6
                                / sent,
                        postCpu.stream().mapToDouble(Cpu.Spent::machineSeconds).sum() * 1e6 / sent,
                        postCpu.stream().mapToDouble(Cpu.Spent::jvmSeconds).sum() * 1e6 / sent,
                        postCpu.stream().mapToDouble(Cpu.Spent::compilerSeconds).sum() * 1e6 / sent));
                // The targets: >= 0.5 x limit, and with 2 dispatchers also >= 3,000 deliveries/s.
                double floor = dispatchers == 2 ? 3000 : 0;
                figure.verdict(Figure.median(figure.ratios()) >= 0.5 && Figure.median(figure.values) >= floor);
                fresh.ended();
                if (figure.missed()) {
                    SenderRuns.enqueue(store, target, 1, 1, "prof" + dispatchers + "-template-");
                    SenderRuns.copies(pool, prefix, "prof" + dispatchers + "-", count - 1);
                    profiling.profile(figure.notes, "B5-" + dispatchers, () -> {
                        try {
                            SenderRuns.dispatch(store, target, sink, count, dispatchers);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                figures.add(figure);
                figures.add(fresh);
            }
        } finally {
            pool.dispose();
        }
    }

    /**
     * The JDBC round trips and the rows and index entries PostgreSQL writes ({@link TableWrites}) to send
     * one delivery: 1,000 deliveries, enqueued first, sent by 2 dispatchers from tables and connections of
     * their own, so only the sending is counted; it runs before the warm-up, so no measured round runs
     * beside it or right after it.
     */
    private List<String> sendingWork(Sink sink) throws Exception {
        int count = 1_000;
        String prefix = prefix();
        JdbcConnectionPool reader = Db.pool(jdbcUrl, 1);
        JdbcConnectionPool enqueuing = Db.pool(jdbcUrl, 4);
        JdbcConnectionPool sending = Db.pool(jdbcUrl, 16);
        try {
            JdbiStores.migrate(enqueuing, prefix);
            JdbiStores enqueuingStores =
                    JdbiStores.builder(enqueuing).tablePrefix(prefix).build();
            SenderRuns.Loopback enqueued = SenderRuns.target(enqueuingStores, sink.url());
            SenderRuns.enqueue(enqueuingStores.deliveryStore(), enqueued, 1, 1, "counted-template-");
            SenderRuns.copies(enqueuing, prefix, "counted-", count - 1);
            // A backend that exits reports its statistics at once (see TableWrites).
            enqueuing.dispose();
            TableWrites writes = TableWrites.start(reader, prefix);
            AtomicLong trips = new AtomicLong();
            JdbiStores sendingStores = JdbiStores.builder(Db.counting(sending, trips))
                    .tablePrefix(prefix)
                    .build();
            // The same target, looked up over the counted connections.
            SenderRuns.Loopback target = new SenderRuns.Loopback(
                    enqueued.target(),
                    sendingStores.targetStore().lookup(id -> enqueued.target().signingSecrets()));
            SenderRuns.dispatch(sendingStores.deliveryStore(), target, sink, count, 2);
            sending.dispose();
            return List.of(
                    String.format(
                            Locale.ROOT,
                            "JDBC round trips per delivery (statement executions and commits: claims, target"
                                    + " lookups, write-backs; counted over %,d): %.2f",
                            count,
                            trips.get() / (double) count),
                    writes.since(count, "delivery", "deliveries"));
        } finally {
            enqueuing.dispose();
            sending.dispose();
            reader.dispose();
        }
    }

    private static double posts(HttpDriver client, URI uri, Signer.Signed sample, int count, int threads, boolean close)
            throws Exception {
        AtomicLong left = new AtomicLong(count);
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        if (client.post(uri, sample.headers(), sample.body(), close) != 200) {
                            throw new IllegalStateException("sink did not answer 200");
                        }
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    // ---------------------------------------------------------------- B6

    private void heap() throws Exception {
        int count = Integer.getInteger("bench.b6.count", 100_000);
        int budget = Integer.getInteger("bench.b6.dispatchSeconds", 60);
        Figure figure = new Figure(
                "B6",
                "enqueue " + count + " deliveries, then dispatch them (child JVM, -Xmx256m, 2 dispatchers)",
                "MiB peak heap used",
                "");
        figure.target = "heap stays under 256 MiB; nothing loads the whole queue";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-XX:StartFlightRecording=filename="
                                + out.resolve("jfr").resolve("B6.jfr") + ",settings=profile",
                        "-cp",
                        System.getProperty("java.class.path"),
                        HeapRun.class.getName(),
                        jdbcUrl,
                        prefix(),
                        Integer.toString(count),
                        "2",
                        Integer.toString(budget))
                .redirectErrorStream(true)
                .start();
        String result = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line;
                } else if (line.contains("OutOfMemoryError") || line.contains("Exception")) {
                    figure.notes.add("child: " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (result == null) {
            figure.verdict(false);
            figure.notes.add("the child JVM ended with " + exit + " before finishing");
        } else {
            String[] parts = result.split(" ");
            double enqueueSeconds = Double.parseDouble(parts[2]);
            double dispatchSeconds = Double.parseDouble(parts[3]);
            long dispatched = Long.parseLong(parts[8]);
            double rate = Double.parseDouble(parts[9]);
            int direct = Integer.parseInt(parts[10]);
            double peak = Long.parseLong(parts[4]) / 1048576.0;
            double afterGc = Long.parseLong(parts[5]) / 1048576.0;
            double afterEnqueue = Long.parseLong(parts[6]) / 1048576.0;
            figure.values.add(peak);
            figure.verdict(peak < 256 && exit == 0 && dispatched >= count);
            figure.notes.add(String.format(
                    Locale.ROOT,
                    "enqueue: %d through the kit in %.1f s (%.0f/s), the rest as SQL copies of the first row;"
                            + " dispatch: %d of %d delivered in the %.0f s budget (%.0f/s, so all of them would take"
                            + " about %.0f s)%s; highest heap live after a GC: %.1f MiB (%.1f MiB with the whole queue"
                            + " enqueued, before dispatching); %d bodies of 2 KiB alone would be %.0f MiB",
                    direct,
                    enqueueSeconds,
                    direct / enqueueSeconds,
                    dispatched,
                    count,
                    dispatchSeconds,
                    rate,
                    count / Math.max(rate, 1e-9),
                    dispatched >= count ? "" : ": MISS, the queue was not drained within the run (see B5)",
                    afterGc,
                    afterEnqueue,
                    count,
                    count * (double) Payloads.template(2048).length / 1048576.0));
            extra.put("B6_live_after_gc_mib", afterGc);
        }
        figures.add(figure);
    }

    // ---------------------------------------------------------------- helpers

    private static String prefix() {
        return "b" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL) + "_";
    }

    private static String kib(int size) {
        return size % 1024 == 0
                ? size / 1024 + " KiB"
                : String.format(Locale.ROOT, "%.1f KiB (%d bytes)", size / 1024.0, size);
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    static void log(String message) {
        System.out.println("[" + ZonedDateTime.now().toLocalTime().withNano(0) + "] " + message);
        System.out.flush();
    }

    static String machine() {
        return ManagementFactory.getRuntimeMXBean().getVmName();
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}
