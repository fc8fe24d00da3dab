package com.webriskops.webhooks.testing;

import static com.webriskops.webhooks.testing.Deliveries.NOW;
import static com.webriskops.webhooks.testing.Deliveries.vicket;
import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.testing.ReceiverHarness.Endpoint;
import com.webriskops.webhooks.testing.ReceiverHarness.Response;
import com.webriskops.webhooks.vicket.VicketScheme;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The receiver rule only the Vicket scheme needs: a {@code t} that its HMAC does not cover. */
public abstract class VicketConformanceCases extends ConformanceCases {
    protected VicketConformanceCases(ReceiverHarness harness) {
        super(VicketFixture.INSTANCE, harness);
    }

    @Test
    void replayWithAFreshUnsignedTimestampIsStoppedByTheDuplicateGuard() throws Exception {
        Endpoint endpoint = start();
        SignedDelivery request = vicket().id("evt-replayed").build();
        assertThat(post(endpoint, request).status()).isEqualTo(200);

        // t is not covered by Vicket's HMAC: an attacker can change it and the signature still holds.
        String moved = Deliveries.vicketSignature(request)
                .replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 5));
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(VicketScheme.SIGNATURE_HEADER, List.of(moved));
        Response replay = post(endpoint, new SignedDelivery(headers, request.body()));

        assertDuplicate(replay);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void timestampWithALeadingZeroIsMalformed() throws Exception {
        Endpoint endpoint = start();
        SignedDelivery request = vicket().id("evt-zero-padded").build();
        assertThat(post(endpoint, request).status()).isEqualTo(200);

        String padded =
                Deliveries.vicketSignature(request).replace("t=" + NOW.getEpochSecond(), "t=0" + NOW.getEpochSecond());
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put(VicketScheme.SIGNATURE_HEADER, List.of(padded));
        Response replay = post(endpoint, new SignedDelivery(headers, request.body()));

        assertProblem(replay, 401, "WEBHOOK_SIGNATURE_INVALID");
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void eventOlderThanTheDuplicateGuardsRetentionIsRefused() throws Exception {
        Endpoint endpoint =
                start(receiver().completedRetention(Duration.ofDays(7)).build());
        String eightDaysAgo = NOW.minus(Duration.ofDays(8)).toString();
        String sixDaysAgo = NOW.minus(Duration.ofDays(6)).toString();

        Response old = post(
                endpoint,
                vicket().editJson(json -> json.put("occurred_at", eightDaysAgo)).build());
        Response recent = post(
                endpoint,
                vicket().editJson(json -> json.put("occurred_at", sixDaysAgo)).build());

        assertProblem(old, 422, "WEBHOOK_VALIDATION_FAILED");
        assertThat(violationFields(old)).containsExactly("occurred_at");
        assertThat(recent.status()).isEqualTo(200);
        assertThat(handler.calls()).isEqualTo(1);
    }

    @Test
    void byteIdenticalResendOfACompletedDeliveryAnswersDuplicate() throws Exception {
        Endpoint endpoint = start();
        SignedDelivery request = vicket().id("evt-resent").build();

        assertThat(post(endpoint, request).status()).isEqualTo(200);
        Response resend = post(endpoint, request);

        assertDuplicate(resend);
        assertThat(handler.calls()).isEqualTo(1);
    }
}
