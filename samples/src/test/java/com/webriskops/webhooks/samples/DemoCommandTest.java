package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, run as a user runs it: every step as documented, nothing left running. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void everyStepBehavesAsDocumentedAndLeavesNothingRunning() {
        int threadsBefore = Thread.activeCount();
        Cli.Result result = Cli.run(Map.of(), "demo", "--dir", dir.toString());

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains(
                        "accepted by the Jersey receiver",
                        "accepted by the Jetty servlet receiver",
                        "duplicate",
                        "replay 401 WEBHOOK_SIGNATURE_INVALID",
                        "429, 200 -> exported",
                        "blocked generic_webhook_url_unsafe, requests sent 0",
                        "-> failed WEBHOOK_DELIVERY_FAILED",
                        "All 9 steps behaved as documented")
                .doesNotContain(" FAIL ", "\u001b[");
        assertThat(dir.resolve("fallback/demo-export-h.csv")).isRegularFile();
        assertThat(dir.resolve("fallback/demo-export-h.md")).isRegularFile();
        assertThat(dir.resolve("fallback/demo-export-h.json")).isRegularFile();
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !t.isDaemon() && t.isAlive())
                        .map(Thread::getName)
                        .filter(name ->
                                name.contains("qtp") || name.contains("jdk-http") || name.contains("HTTP-Dispatcher")))
                .as("server threads left running (started with %d threads)", threadsBefore)
                .isEmpty();
    }
}
