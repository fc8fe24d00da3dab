package com.webriskops.webhooks.sender.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.SenderFixtures;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.testing.MutableClock;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The envelope's bytes on the wire, pinned for one export (attempt 3, a fixed clock and nonce): a
 * change of serialisation (a Jackson upgrade, a mapper setting, a reordered record) fails here
 * before a receiver's signature check does.
 */
class EnvelopeBytesTest {
    private static final String NONCE = "n0nce-0123456789abcdef";
    private static final String PINNED_BODY_SHA256 = "c57399a6d2d3f3681f97feadefea3e8848d6fb94145680a9993d670ec8fed740";
    private static final String PINNED_SIGNATURE =
            "sha256=c2df083594d408c0b31de995c59eb8a461022295ad309f3debd8a0b82299baa2";

    private final MutableClock clock = SenderFixtures.clock();
    private final WebhookEnvelopes envelopes =
            WebhookEnvelopes.builder().clock(clock).nonceSource(() -> NONCE).build();

    @Test
    void theExampleEnvelopeIsPinned() throws Exception {
        ExportTarget target = SenderFixtures.loopbackTarget("https://hooks.example.com/x");
        ExportRequest export = SenderFixtures.export("pinned-export-1");

        OutboundRequest envelope = envelopes.build(target, export, 3);

        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(envelope.bodyUnsafe())))
                .isEqualTo(PINNED_BODY_SHA256);
        assertThat(envelope.headers().get("X-WebRiskOps-Signature")).isEqualTo(PINNED_SIGNATURE);
    }
}
