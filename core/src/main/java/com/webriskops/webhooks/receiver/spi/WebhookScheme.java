package com.webriskops.webhooks.receiver.spi;

import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.VerifiedDelivery;
import com.webriskops.webhooks.receiver.WebRiskOpsScheme;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A signature scheme: how one sender signs its deliveries and what its payload is. The {@link
 * WebhookReceiver} runs every rule that does not depend on the scheme (size and type, the timestamp
 * window, policies, replay, the duplicate guard, the answers) and asks the scheme only for what does:
 *
 * <ol>
 *   <li>{@link #verifySignature}: are the signature headers well formed, and does one of the secrets
 *       match the raw body? The answer names when the request was signed and a replay id;
 *   <li>{@link #readPayload}: is the body a valid payload of this scheme (JSON, schema, agreement
 *       with the headers)?
 *   <li>{@link #idempotencyKey}: the key the duplicate guard claims for this payload.
 * </ol>
 *
 * <p>A scheme also {@linkplain #sign signs}, so a sender can deliver in it. The default scheme is
 * {@link WebRiskOpsScheme}; register another one explicitly with {@link
 * WebhookReceiver#builder(WebhookScheme)}, which types the receiver, its deliveries and its policies
 * by the scheme's payload. A scheme is one class: it needs nothing but public API ({@link
 * WebhookSecret#hmacSha256}, {@link PayloadCheck#read}, {@link SignatureCheck}).
 *
 * <p>Implementations must be immutable and thread-safe, and must never throw for any request: a
 * malformed input is a {@link SignatureCheck.Invalid} or a {@link PayloadCheck} with violations.
 *
 * @param <T> the payload type
 */
public interface WebhookScheme<T> {
    /**
     * The name of the envelope this scheme verifies, such as {@code ticket-export.webhook.v1}; used
     * in answers ("does not satisfy …"), logs and {@link VerifiedDelivery#scheme()}.
     */
    String name();

    /** The payload type {@link #readPayload} produces. */
    Class<T> payloadType();

    /**
     * Checks the signature of {@code request} over the raw {@code body}: headers present and well
     * formed, signed within {@link SignatureContext#isWithinTolerance the tolerance} (check it before
     * computing any HMAC), and an HMAC matching one of {@link SignatureContext#secrets()}, compared
     * in constant time. Called only for bodies within the size limit with a JSON content type.
     *
     * @return {@link SignatureCheck#valid} with the signing time and a replay id unique to the signed
     *     message, or {@link SignatureCheck#invalid} with a detail that never echoes the signature
     */
    SignatureCheck verifySignature(InboundRequest request, byte[] body, SignatureContext context);

    /**
     * Parses and validates the body of a request whose signature holds: not JSON → {@link
     * PayloadCheck.Malformed} (400), JSON that is not a valid payload or disagrees with the headers →
     * {@link PayloadCheck.Invalid} with every violation (422). {@link PayloadCheck#read} does the JSON
     * and Bean Validation part with the kit's settings.
     */
    PayloadCheck<T> readPayload(InboundRequest request, byte[] body);

    /**
     * The duplicate-guard key of a valid payload: stable across the sender's retries of one logical
     * delivery, 1 to 255 printable ASCII characters (a key outside that form is answered 422).
     */
    String idempotencyKey(T payload);

    /**
     * True (the default) when the scheme checks signatures with {@link SignatureContext#secrets()}, the
     * receiver's secrets; false when it holds its keys itself (the Standard Webhooks scheme, whose keys
     * have the specification's format): then the receiver is built without secrets and refuses any.
     */
    default boolean usesReceiverSecrets() {
        return true;
    }

    /**
     * When the payload says its event happened, signed, or null (the default) when it does not say.
     * The receiver refuses (422) a delivery whose event is older than its duplicate guard's retention:
     * a replay of it could no longer be told apart from a new delivery.
     */
    @Nullable
    default Instant occurredAt(T payload) {
        return null;
    }

    /**
     * True when the scheme's replay id is derived from the signed message itself rather than from a
     * sender's nonce, and the idempotency key is the sender's handle for at-least-once delivery
     * (Vicket): the duplicate guard is then consulted before the replay guard, so a byte-identical
     * resend of a completed delivery answers 200 duplicate rather than "nonce used before". False (the
     * default): a reused nonce is refused whatever the key's state.
     */
    default boolean duplicateGuardFirst() {
        return false;
    }

    /**
     * The attempt number the payload carries, 1 for the first; 0 (the default) for schemes that do
     * not number attempts.
     */
    default int attempt(T payload) {
        return 0;
    }

    /**
     * The headers a sender sends with {@code body} in this scheme, signed with every secret (several
     * during a rotation) at {@code timestamp}: the signature header, the scheme's companion headers
     * and {@code Content-Type}, in sending order.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty or too long, or {@code body} lacks
     *     what the scheme needs to sign it
     */
    Map<String, List<String>> sign(List<WebhookSecret> secrets, Instant timestamp, byte[] body);
}
