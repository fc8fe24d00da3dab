package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.TestDeliveries.NOW;
import static com.webriskops.webhooks.testing.VicketDeliveries.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.vicket.VicketSignatures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The receiver rules only the Vicket scheme has: its envelope's {@code id} and {@code occurred_at}, and
 * a {@code t} that its HMAC does not cover.
 */
public abstract class VicketConformanceCases extends ConformanceCases {
    protected VicketConformanceCases(ReceiverHarness harness) {
        super(VicketFixture.INSTANCE, harness);
    }

    @Test
    void replayWithAFreshUnsignedTimestampIsStoppedByTheDuplicateGuard() throws Exception {
        Endpoint endpoint = start();
        TestDeliveries.Request request = delivery().id("evt-replayed").build();
        assertThat(post(endpoint, request).status()).isEqualTo(200);

        // t is not covered by Vicket's HMAC: an attacker can change it and the signature still holds.
        String moved = VicketDeliveries.signature(request)
                .replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 5));
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(VicketSignatures.HEADER, List.of(moved));
        Response replay = post(endpoint, new TestDeliveries.Request(headers, request.body()));

        assertDuplicate(replay);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void missingOrInvalidIdIsRejected() throws Exception {
        Endpoint endpoint = start();

        Response missing =
                post(endpoint, delivery().editJson(json -> json.remove("id")).build());
        Response empty = post(endpoint, delivery().id("").build());
        Response tooLong = post(endpoint, delivery().id("x".repeat(256)).build());
        Response notAscii = post(endpoint, delivery().id("évènement").build());
        Response notText =
                post(endpoint, delivery().editJson(json -> json.putObject("id")).build());

        for (Response response : List.of(missing, empty, tooLong, notAscii, notText)) {
            assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
            assertThat(violationFields(response)).containsExactly("id");
        }
        assertThat(handler.calls()).isZero();
    }

    @Test
    void missingEventAndBadOccurredAtAreListed() throws Exception {
        Endpoint endpoint = start();

        Response response =
                post(endpoint, delivery().editJson(json -> json.remove("event")).build());
        Response badTime = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("occurred_at", "yesterday"))
                        .build());
        Response noOffset = post(
                endpoint,
                delivery()
                        .editJson(json -> json.put("occurred_at", "2026-05-23T14:21:11"))
                        .build());

        assertProblem(response, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(response)).containsExactly("event");
        assertProblem(badTime, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(badTime)).containsExactly("occurred_at");
        assertProblem(noOffset, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(noOffset)).containsExactly("occurred_at");
        assertThat(handler.calls()).isZero();
    }
}
