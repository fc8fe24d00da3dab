package com.webriskops.webhooks.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.internal.PayloadSafety;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * B7 on one thread: {@link PayloadSafety#firstFinding} on the documentation example whose summary is
 * 256 KiB of text, adversarial for a backtracking scanner ({@code "-eyJ"} repeated, {@code "/private"}
 * repeated and the like) beside the limit, the same body with 256 KiB of ordinary prose. A linear
 * scan judges every body in about the same time. Each JMH thread has its own state; not meant to be
 * called outside JMH.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PayloadScanBenchmarks {
    /** The summary's size in characters (all ASCII, so bytes too). */
    static final int TEXT_SIZE = 256 * 1024;

    /** Each body's repeated unit; {@code benign} is the limit. */
    static final Map<String, String> UNITS = Map.of(
            "benign", "The checkout form drops validation state after a failed payment. ",
            "dash-eyJ", "-eyJ",
            "slash-private", "/private",
            "jwt-dots", "eyJa.",
            "bearer", "bearer ",
            "assignment", "password: x",
            "screenshots", "screenshots/a",
            "unc", "\\\\a ");

    /** Which body: a key of {@link #UNITS}. */
    @Param({"benign", "dash-eyJ", "slash-private", "jwt-dots", "bearer", "assignment", "screenshots", "unc"})
    public String body;

    private byte[] bytes;
    private List<WebhookSecret> secrets;

    /** Builds the body and checks the scan reads the whole of it. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bytes = body(body);
        secrets = List.of(WebhookSecret.of(SignatureBenchmarks.SECRET_TEXT));
        PayloadFinding finding = scan();
        if (finding != null && !body.equals("slash-private") && !body.equals("unc")) {
            throw new IllegalStateException(body + " was expected to scan clean, not " + finding);
        }
    }

    /** The example payload with a {@link #TEXT_SIZE}-character summary made of {@code kind}'s unit. */
    static byte[] body(String kind) throws IOException {
        String unit = UNITS.get(kind);
        if (unit == null) {
            throw new IllegalArgumentException("no such body: " + kind);
        }
        String text = unit.repeat(TEXT_SIZE / unit.length() + 1).substring(0, TEXT_SIZE);
        ObjectNode json = (ObjectNode) WebhookJson.mapper().readTree(TestDeliveries.examplePayload());
        json.withObjectProperty("ticket_export").put("summary", text);
        return WebhookJson.mapper().writeValueAsBytes(json);
    }

    /** B7: one scan of the body. */
    @Benchmark
    public PayloadFinding scan() {
        return PayloadSafety.firstFinding(bytes, secrets);
    }
}
