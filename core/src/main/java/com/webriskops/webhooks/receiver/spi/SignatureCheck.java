package com.webriskops.webhooks.receiver.spi;

import com.webriskops.webhooks.protocol.WebhookProtocol;
import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link WebhookScheme} found when it checked a signature: {@link Valid} or {@link Invalid}.
 * "The signature is wrong" is a normal result, never an exception. Immutable.
 */
public sealed interface SignatureCheck {
    /** The longest replay id: what the replay stores hold (128 ASCII characters). */
    int MAX_REPLAY_ID_LENGTH = WebhookProtocol.MAX_NONCE_LENGTH;

    /**
     * A signature that holds.
     *
     * @throws IllegalArgumentException if {@code replayId} is not 1 to {@value #MAX_REPLAY_ID_LENGTH}
     *     printable ASCII characters
     */
    static SignatureCheck valid(Instant signedAt, String replayId) {
        return new Valid(signedAt, replayId);
    }

    /** A signature that is missing, malformed, outside the window or does not match. */
    static SignatureCheck invalid(String detail) {
        return new Invalid(detail);
    }

    /**
     * The signature holds.
     *
     * @param signedAt when the sender signed, by its clock
     * @param replayId a value unique to the signed message, recorded by the replay guard for as long as
     *     {@code signedAt} can be accepted: the WebRiskOps nonce, or for schemes without a nonce
     *     something derived from the signed inputs
     */
    record Valid(Instant signedAt, String replayId) implements SignatureCheck {
        public Valid {
            Objects.requireNonNull(signedAt, "signedAt");
            Objects.requireNonNull(replayId, "replayId");
            if (replayId.length() > MAX_REPLAY_ID_LENGTH || !WebhookProtocol.isValidIdempotencyKey(replayId)) {
                throw new IllegalArgumentException(
                        "replayId must be 1 to " + MAX_REPLAY_ID_LENGTH + " printable ASCII characters");
            }
        }
    }

    /**
     * The signature does not hold: answered 401 {@code WEBHOOK_SIGNATURE_INVALID}.
     *
     * @param detail a human-readable sentence for the answer; never the signature or a secret
     */
    record Invalid(String detail) implements SignatureCheck {
        public Invalid {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
