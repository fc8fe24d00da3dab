package com.webriskops.webhooks.receiver;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.TestDeliveries.SECRET;
import static com.webriskops.webhooks.testing.TestDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webriskops.webhooks.payload.TicketExportWebhook;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.protocol.WebhookHeaders;
import com.webriskops.webhooks.signing.WebhookSignatures;
import com.webriskops.webhooks.testing.TestDeliveries;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded randomised properties of the pipeline. Each test prints nothing and is repeatable: a
 * failure message names the seed and the iteration, so it can be replayed.
 */
class PipelinePropertyTest {
    private static final long SEED = 0x5EED_2026L;
    private static final int RUNS = 400;
    private static final String[] HEADER_NAMES = {
        WebhookHeaders.CONTENT_TYPE,
        WebhookHeaders.CONTENT_LENGTH,
        WebhookHeaders.EVENT,
        WebhookHeaders.SCHEMA,
        WebhookHeaders.IDEMPOTENCY_KEY,
        WebhookHeaders.GENERIC_IDEMPOTENCY_KEY,
        WebhookHeaders.TIMESTAMP,
        WebhookHeaders.NONCE,
        WebhookHeaders.SIGNATURE,
        "X-Unrelated"
    };

    private final WebhookReceiver<TicketExportWebhook> receiver = WebhookReceiver.builder()
            .secrets(SECRET)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .maxBodyBytes(64 * 1024)
            .build();

    @Test
    void changingAnySignedBodyByteIsRejectedAsAnInvalidSignature() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            TestDeliveries.Request valid = delivery().build();
            byte[] body = valid.body().clone();
            int index = random.nextInt(body.length);
            body[index] ^= (byte) (1 + random.nextInt(255));

            ReceiveResult<TicketExportWebhook> result = receiver.receive(InboundRequest.of(valid.headers(), body));

            assertRejected(result, 401, ErrorCode.WEBHOOK_SIGNATURE_INVALID, "seed " + SEED + " run " + run);
        }
    }

    @Test
    void changingTheTimestampNonceOrSignatureIsRejectedAsAnInvalidSignature() {
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            TestDeliveries.Request valid = delivery().build();
            Map<String, List<String>> headers = new LinkedHashMap<>(valid.headers());
            switch (run % 3) {
                case 0 -> {
                    long shift = (random.nextBoolean() ? 1 : -1) * (1 + random.nextInt(300));
                    headers.put(WebhookHeaders.TIMESTAMP, List.of(Long.toString(NOW.getEpochSecond() + shift)));
                }
                case 1 -> headers.put(WebhookHeaders.NONCE, List.of(valid.nonce() + randomNonceChar(random)));
                default -> {
                    char[] signature =
                            headers.get(WebhookHeaders.SIGNATURE).get(0).toCharArray();
                    int index = "sha256=".length() + random.nextInt(64);
                    signature[index] = signature[index] == 'a' ? 'b' : 'a';
                    headers.put(WebhookHeaders.SIGNATURE, List.of(new String(signature)));
                }
            }

            ReceiveResult<TicketExportWebhook> result = receiver.receive(InboundRequest.of(headers, valid.body()));

            assertRejected(result, 401, ErrorCode.WEBHOOK_SIGNATURE_INVALID, "seed " + SEED + " run " + run);
        }
    }

    @Test
    void randomHeadersAndBodiesNeverThrowNorAnswer5xx() {
        Random random = new Random(SEED + 2);
        for (int run = 0; run < RUNS * 2; run++) {
            Map<String, List<String>> headers =
                    new LinkedHashMap<>(delivery().build().headers());
            int changes = 1 + random.nextInt(4);
            for (int i = 0; i < changes; i++) {
                String name = HEADER_NAMES[random.nextInt(HEADER_NAMES.length)];
                switch (random.nextInt(4)) {
                    case 0 -> headers.remove(name);
                    case 1 -> headers.put(name, List.of(randomString(random)));
                    case 2 -> headers.put(name, List.of(randomString(random), randomString(random)));
                    default -> headers.put(name, List.of(hugeNumber(random)));
                }
            }
            byte[] body = random.nextBoolean()
                    ? randomBytes(random)
                    : delivery().build().body();

            assertAnsweredWithout5xx(
                    receiver.receive(InboundRequest.of(headers, body)), "seed " + SEED + " run " + run);
        }
    }

    @Test
    void validlySignedRandomPayloadsAreAcceptedOrRejectedAs400Or422() throws Exception {
        Random random = new Random(SEED + 3);
        JsonNode example = WebhookJson.mapper().readTree(delivery().build().body());
        List<String> statuses = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            ObjectNode json = example.deepCopy();
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                mutateRandomMember(json, random);
            }
            String nonce = "prop-" + run;
            String key = "prop-key-" + run;
            json.put("idempotency_key", key);
            if (json.get("replay_protection") instanceof ObjectNode replay) {
                replay.put("nonce", nonce);
                replay.put("timestamp", Long.toString(NOW.getEpochSecond()));
            }
            byte[] body = random.nextInt(10) == 0
                    ? truncate(WebhookJson.mapper().writeValueAsBytes(json), random)
                    : WebhookJson.mapper().writeValueAsBytes(json);
            TestDeliveries.Request request =
                    delivery().nonce(nonce).idempotencyKey(key).rawBody(body).build();

            ReceiveResult<TicketExportWebhook> result =
                    receiver.receive(InboundRequest.of(request.headers(), request.body()));

            String context = "seed " + SEED + " run " + run;
            assertAnsweredWithout5xx(result, context);
            if (result instanceof ReceiveResult.Rejected<?> rejected) {
                assertThat(rejected.rejection().status()).as(context).isIn(400, 422);
                statuses.add(Integer.toString(rejected.rejection().status()));
            } else {
                statuses.add("accepted");
            }
        }
        // The generator must reach every branch, or the property says little.
        assertThat(statuses).contains("accepted", "400", "422");
    }

    @Test
    void signatureChecksUseTheRawBytesWhateverTheirEncoding() {
        Random random = new Random(SEED + 4);
        for (int run = 0; run < RUNS; run++) {
            byte[] body = randomBytes(random);
            String ts = Long.toString(NOW.getEpochSecond());
            String signature = WebhookSignatures.sign(SECRET, ts, "raw-" + run, body);

            assertThat(WebhookSignatures.verify(List.of(SECRET), signature, ts, "raw-" + run, body))
                    .isTrue();
        }
    }

    private static void mutateRandomMember(ObjectNode root, Random random) {
        ObjectNode parent = root;
        String field = null;
        for (int depth = 0; depth < 4; depth++) {
            List<String> names = new ArrayList<>();
            parent.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                break;
            }
            field = names.get(random.nextInt(names.size()));
            JsonNode child = parent.get(field);
            if (child instanceof ObjectNode object && random.nextBoolean()) {
                parent = object;
            } else {
                break;
            }
        }
        if (field == null) {
            return;
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (random.nextInt(9)) {
            case 0 -> parent.remove(field);
            case 1 -> parent.putNull(field);
            case 2 -> parent.put(field, randomString(random));
            case 3 -> parent.put(field, random.nextLong());
            case 4 -> parent.put(field, new java.math.BigInteger(hugeNumber(random)));
            case 5 -> parent.put(field, random.nextBoolean());
            case 6 -> parent.set(field, nodes.arrayNode().add(randomString(random)));
            case 7 -> parent.set(field, nodes.objectNode().put("x", 1));
            default -> {
                ArrayNode deep = nodes.arrayNode();
                ArrayNode cursor = deep;
                for (int i = 0; i < 80; i++) {
                    cursor = cursor.addArray();
                }
                parent.set(field, deep);
            }
        }
    }

    private static byte[] truncate(byte[] body, Random random) {
        return java.util.Arrays.copyOf(body, random.nextInt(body.length));
    }

    private static String randomString(Random random) {
        int length = random.nextInt(300);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                out.append((char) (0x20 + random.nextInt(0x5f)));
            } else if (kind < 8) {
                out.appendCodePoint(0xa0 + random.nextInt(0x2000));
            } else if (kind < 9) {
                out.appendCodePoint(0x1f300 + random.nextInt(0x300));
            } else {
                out.append((char) random.nextInt(0x20));
            }
        }
        return out.toString();
    }

    private static String randomNonceChar(Random random) {
        String alphabet = "ABCxyz019+/=_-";
        return String.valueOf(alphabet.charAt(random.nextInt(alphabet.length())));
    }

    private static String hugeNumber(Random random) {
        StringBuilder digits = new StringBuilder("9");
        int length = 15 + random.nextInt(400);
        for (int i = 0; i < length; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        if (random.nextBoolean()) {
            return ("{\"x\":\"" + randomString(random) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    private void assertAnsweredWithout5xx(ReceiveResult<TicketExportWebhook> result, String context) {
        if (result instanceof ReceiveResult.Accepted<TicketExportWebhook> accepted) {
            receiver.finish(accepted.delivery(), 200);
            return;
        }
        HttpAnswer answer = result.answer();
        assertThat(answer.status()).as(context).isBetween(200, 499);
    }

    private static void assertRejected(ReceiveResult<?> result, int status, ErrorCode code, String context) {
        assertThat(result).as(context).isInstanceOf(ReceiveResult.Rejected.class);
        Rejection rejection = ((ReceiveResult.Rejected<?>) result).rejection();
        assertThat(rejection.status()).as(context).isEqualTo(status);
        assertThat(rejection.code()).as(context).isEqualTo(code);
    }
}
