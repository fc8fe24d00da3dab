package com.webriskops.webhooks.standardwebhooks;

import com.webriskops.webhooks.internal.Hex;
import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.receiver.InboundRequest;
import com.webriskops.webhooks.receiver.spi.PayloadCheck;
import com.webriskops.webhooks.receiver.spi.SignatureCheck;
import com.webriskops.webhooks.receiver.spi.SignatureContext;
import com.webriskops.webhooks.receiver.spi.WebhookScheme;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The <a href="https://www.standardwebhooks.com">Standard Webhooks</a> scheme, the envelope Svix and
 * its customers send: headers {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and {@code
 * webhook-signature}, a space-separated list of signatures over {@code <webhook-id>.<webhook-timestamp>.<raw
 * body>}:
 *
 * <ul>
 *   <li>{@code v1,<base64>}: HMAC-SHA256 keyed with a {@code whsec_} secret (the base64-decoded text
 *       after the prefix, 24 to 64 bytes), compared in constant time;
 *   <li>{@code v1a,<base64>}: Ed25519 (the JDK's own provider), verified with a {@code whpk_} public key
 *       (the base64 of the 32 raw key bytes) and made with a {@code whsk_} signing key (the base64 of
 *       the 32-byte seed, or of the seed followed by the public key).
 * </ul>
 *
 * <p>During a rotation the scheme may hold several secrets and public keys, and the header may carry
 * several signatures: one match is enough. Entries of unknown versions are skipped, as in the official
 * libraries. The timestamp must be within the receiver's tolerance (300 s by default, both ways). The
 * {@code webhook-id} (1 to 255 printable ASCII characters, no {@code .}) is the duplicate-guard key, so
 * a provider's retry of a message (same id, new timestamp and signature) is answered as a duplicate once
 * the first attempt was handled; the replay guard records the id with the timestamp, so a verbatim
 * replay of one attempt is refused. Anything missing, malformed, outside the window or unmatched is
 * answered 401 {@code WEBHOOK_SIGNATURE_INVALID}; the headers are bounded ({@code webhook-signature} to
 * 4096 characters and 16 signatures).
 *
 * <p>The payload is the application's: the raw bytes ({@link #builder()}), a type read from JSON with
 * the kit's reader ({@link #builder(Class)}: not JSON → 400, constraint violations → 422), or any
 * reader of the application's ({@link #builder(Class, Function)}). The receiver hands it over wrapped in
 * a {@link Message} with the id and timestamp.
 *
 * <p>Unlike the other schemes, this one holds its keys itself (their format is the specification's):
 * the receiver it is registered with takes no secrets. Immutable and thread-safe.
 *
 * <pre>{@code
 * WebhookReceiver<StandardWebhooksScheme.Message<OrderEvent>> receiver = WebhookReceiver.builder(
 *                 StandardWebhooksScheme.builder(OrderEvent.class)
 *                         .secret(System.getenv("STANDARD_WEBHOOKS_SECRET"))
 *                         .build())
 *         .build();
 * }</pre>
 *
 * @param <T> the application's payload type
 */
public final class StandardWebhooksScheme<T> implements WebhookScheme<StandardWebhooksScheme.Message<T>> {
    /** The scheme's {@linkplain #name() name}. */
    public static final String NAME = "standard-webhooks";
    /** The message id header. */
    public static final String ID_HEADER = "webhook-id";
    /** The timestamp header (Unix seconds). */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The signature header. */
    public static final String SIGNATURE_HEADER = "webhook-signature";

    static final int MAX_KEYS = 8;
    private static final int MAX_TIMESTAMP_DIGITS = 12;
    private static final Logger LOG = LoggerFactory.getLogger(StandardWebhooksScheme.class);

    private final Class<T> type;
    private final Function<byte[], PayloadCheck<T>> reader;
    private final List<WebhookSecret> secrets;
    private final List<PublicKey> publicKeys;
    private final List<PrivateKey> signingKeys;

    private StandardWebhooksScheme(Builder<T> builder) {
        this.type = builder.type;
        this.reader = builder.reader;
        this.secrets = List.copyOf(builder.secrets);
        this.publicKeys = List.copyOf(builder.publicKeys);
        this.signingKeys = List.copyOf(builder.signingKeys);
    }

    /** A builder for a scheme whose payload is the raw body bytes, read as they are (no JSON check). */
    public static Builder<byte[]> builder() {
        return new Builder<>(byte[].class, body -> new PayloadCheck.Valid<>(body.clone()));
    }

    /**
     * A builder for a scheme whose payload is {@code type}, read from JSON with the kit's reader
     * ({@link PayloadCheck#read}: bounded, duplicate members refused, unknown members ignored, Bean
     * Validation constraints checked). No schema of the kit's is imposed.
     */
    public static <T> Builder<T> builder(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return new Builder<>(type, body -> PayloadCheck.read(body, type));
    }

    /**
     * A builder for a scheme whose payload {@code reader} makes: {@link PayloadCheck.Valid}, {@link
     * PayloadCheck.Malformed} (answered 400) or {@link PayloadCheck.Invalid} (422). A reader that throws
     * or returns null is answered 400.
     */
    public static <T> Builder<T> builder(Class<T> type, Function<byte[], PayloadCheck<T>> reader) {
        return new Builder<>(Objects.requireNonNull(type, "type"), Objects.requireNonNull(reader, "reader"));
    }

    /** {@value #NAME}. */
    @Override
    public String name() {
        return NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Class<Message<T>> payloadType() {
        return (Class<Message<T>>) (Class<?>) Message.class;
    }

    /** False: the keys are the scheme's own (see the class comment). */
    @Override
    public boolean usesReceiverSecrets() {
        return false;
    }

    @Override
    public SignatureCheck verifySignature(InboundRequest request, byte[] body, SignatureContext context) {
        String id = single(request, ID_HEADER);
        if (id == null) {
            return SignatureCheck.invalid("The " + ID_HEADER + " header is required, once.");
        }
        if (!isValidId(id)) {
            return SignatureCheck.invalid(ID_HEADER + " must be 1 to " + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH
                    + " printable ASCII characters without '.'.");
        }
        String timestamp = single(request, TIMESTAMP_HEADER);
        if (timestamp == null) {
            return SignatureCheck.invalid("The " + TIMESTAMP_HEADER + " header is required, once.");
        }
        if (!isValidTimestamp(timestamp)) {
            return SignatureCheck.invalid(TIMESTAMP_HEADER + " must be Unix seconds: 1 to " + MAX_TIMESTAMP_DIGITS
                    + " digits without a leading zero.");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (!context.isWithinTolerance(signedAt)) {
            return SignatureCheck.invalid(TIMESTAMP_HEADER + " is outside the accepted window of "
                    + context.tolerance().toSeconds() + " seconds.");
        }
        String header = single(request, SIGNATURE_HEADER);
        if (header == null) {
            return SignatureCheck.invalid("The " + SIGNATURE_HEADER + " header is required, once.");
        }
        SignatureHeader signatures = SignatureHeader.parse(header);
        if (signatures == null) {
            return SignatureCheck.invalid(SIGNATURE_HEADER + " must hold 1 to " + SignatureHeader.MAX_SIGNATURES
                    + " space-separated v1,<base64> or v1a,<base64> signatures.");
        }
        if (secrets.isEmpty() && publicKeys.isEmpty()) {
            LOG.warn("The Standard Webhooks scheme holds no whsec_ secret or whpk_ public key; rejecting the delivery");
        }
        if (!matches(signatures, signedContentPrefix(id, timestamp), body)) {
            return SignatureCheck.invalid("The signature does not match.");
        }
        return SignatureCheck.valid(signedAt, replayId(id, timestamp));
    }

    /** The application's payload read by the scheme's reader, with the message's id and timestamp. */
    @Override
    public PayloadCheck<Message<T>> readPayload(InboundRequest request, byte[] body) {
        // Only called once the signature held, so both headers are present, once, and well formed.
        String id = Objects.requireNonNull(single(request, ID_HEADER));
        Instant timestamp =
                Instant.ofEpochSecond(Long.parseLong(Objects.requireNonNull(single(request, TIMESTAMP_HEADER))));
        PayloadCheck<T> read;
        try {
            read = reader.apply(body);
        } catch (RuntimeException e) {
            LOG.debug("The Standard Webhooks payload reader threw", e);
            read = null;
        }
        if (read instanceof PayloadCheck.Valid<T> valid) {
            return new PayloadCheck.Valid<>(new Message<>(id, timestamp, valid.payload()));
        }
        if (read instanceof PayloadCheck.Invalid<T> invalid) {
            return new PayloadCheck.Invalid<>(invalid.violations());
        }
        if (read instanceof PayloadCheck.Malformed<T> malformed) {
            return new PayloadCheck.Malformed<>(malformed.detail());
        }
        return new PayloadCheck.Malformed<>("The body could not be read as a " + type.getSimpleName() + ".");
    }

    /** The {@code webhook-id}. */
    @Override
    public String idempotencyKey(Message<T> message) {
        return message.id();
    }

    /**
     * The headers of a delivery of {@code body} as message {@code id} at {@code timestamp}: {@code
     * Content-Type: application/json}, {@code webhook-id}, {@code webhook-timestamp} and {@code
     * webhook-signature} with one {@code v1} per secret of the scheme, then one {@code v1a} per signing
     * key, in the order they were added. Send a retry with the same id and a new timestamp.
     *
     * @throws IllegalArgumentException if {@code id} is not 1 to 255 printable ASCII characters without
     *     {@code .}, or {@code timestamp} is before the epoch or past 12 digits of seconds
     * @throws IllegalStateException if the scheme holds no secret and no signing key
     */
    public Map<String, List<String>> sign(String id, Instant timestamp, byte[] body) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (secrets.isEmpty() && signingKeys.isEmpty()) {
            throw new IllegalStateException("the scheme holds no whsec_ secret and no whsk_ signing key to sign with");
        }
        return headers(id, timestamp, body, secrets);
    }

    /**
     * The SPI's signing: one {@code v1} per given secret, used as the HMAC key it holds (make one from a
     * {@code whsec_} secret with {@code WebhookSecret.ofBytes} of the base64 after the prefix), then one
     * {@code v1a} per signing key of the scheme. The {@code webhook-id} is {@code msg_} and 32
     * characters derived from the SHA-256 of the body, so re-sending the same body keeps its id. Prefer
     * {@link #sign(String, Instant, byte[])}, which takes the id.
     *
     * @throws IllegalArgumentException if {@code secrets} is empty or holds more than 8, or {@code
     *     timestamp} is out of range
     */
    @Override
    public Map<String, List<String>> sign(List<WebhookSecret> secrets, Instant timestamp, byte[] body) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (secrets.isEmpty() || secrets.size() > MAX_KEYS) {
            throw new IllegalArgumentException(
                    "secrets must hold 1 to " + MAX_KEYS + " secrets, not " + secrets.size());
        }
        String id = "msg_"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(sha256(body))
                        .substring(0, 32);
        return headers(id, timestamp, body, secrets);
    }

    private Map<String, List<String>> headers(
            String id, Instant timestamp, byte[] body, List<WebhookSecret> hmacSecrets) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("id must be 1 to " + WebhookProtocol.MAX_IDEMPOTENCY_KEY_LENGTH
                    + " printable ASCII characters without '.'");
        }
        String ts = Long.toString(timestamp.getEpochSecond());
        if (!isValidTimestamp(ts)) {
            throw new IllegalArgumentException(
                    "timestamp must be 0 to " + MAX_TIMESTAMP_DIGITS + " digits of Unix seconds, not " + ts);
        }
        byte[] prefix = signedContentPrefix(id, ts);
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> entries = new ArrayList<>();
        for (WebhookSecret secret : hmacSecrets) {
            Objects.requireNonNull(secret, "secret");
            entries.add(SignatureHeader.V1 + "," + base64.encodeToString(secret.hmacSha256(prefix, body)));
        }
        for (PrivateKey key : signingKeys) {
            entries.add(SignatureHeader.V1A + "," + base64.encodeToString(Keys.sign(key, prefix, body)));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put(ID_HEADER, List.of(id));
        headers.put(TIMESTAMP_HEADER, List.of(ts));
        headers.put(SIGNATURE_HEADER, List.of(String.join(" ", entries)));
        return headers;
    }

    /** True when one signature matches one key; every v1 digest is compared in constant time. */
    private boolean matches(SignatureHeader signatures, byte[] prefix, byte[] body) {
        boolean matched = false;
        if (!signatures.v1().isEmpty()) {
            for (WebhookSecret secret : secrets) {
                byte[] expected = secret.hmacSha256(prefix, body);
                for (byte[] candidate : signatures.v1()) {
                    // Non-short-circuit OR: the work done does not depend on which value matched.
                    matched |= MessageDigest.isEqual(expected, candidate);
                }
            }
        }
        if (matched) {
            return true;
        }
        for (PublicKey key : publicKeys) {
            for (byte[] candidate : signatures.v1a()) {
                if (Keys.verifyParts(key, candidate, prefix, body)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code <id>.<timestamp>.}: the signed content up to the body. */
    private static byte[] signedContentPrefix(String id, String timestamp) {
        return (id + "." + timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code swh.<timestamp>.<id>}, or with the id's SHA-256 in hex when that would pass 128 characters. */
    private static String replayId(String id, String timestamp) {
        String replayId = "swh." + timestamp + "." + id;
        return replayId.length() <= SignatureCheck.MAX_REPLAY_ID_LENGTH
                ? replayId
                : "swh." + timestamp + "." + Hex.encode(sha256(id.getBytes(StandardCharsets.US_ASCII)));
    }

    static boolean isValidId(String id) {
        return WebhookProtocol.isValidIdempotencyKey(id) && id.indexOf('.') < 0;
    }

    /** 1 to 12 digits, no leading zero (a signer formats the number, so its text is canonical). */
    static boolean isValidTimestamp(String timestamp) {
        int length = timestamp.length();
        if (length == 0 || length > MAX_TIMESTAMP_DIGITS || (length > 1 && timestamp.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = timestamp.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @Nullable
    private static String single(InboundRequest request, String name) {
        List<String> values = request.headers(name);
        return values.size() == 1 ? values.get(0) : null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "StandardWebhooksScheme[payload=" + type.getSimpleName() + ", secrets=" + secrets.size()
                + ", publicKeys=" + publicKeys.size() + ", signingKeys=" + signingKeys.size() + "]";
    }

    /**
     * A verified Standard Webhooks message: the application's payload with the message's id and the
     * attempt's timestamp. Read it from the delivery with {@code delivery.payload(Message.class)}.
     * Immutable if the payload is (a {@code byte[]} payload is the receiver's copy: do not change it).
     *
     * @param id the {@code webhook-id}: stable across the provider's retries
     * @param timestamp the {@code webhook-timestamp} of this attempt
     * @param payload the application's payload
     * @param <T> the payload type
     */
    public record Message<T>(String id, Instant timestamp, T payload) {
        public Message {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(timestamp, "timestamp");
            Objects.requireNonNull(payload, "payload");
        }

        /** The id and timestamp; never the payload, which may be sensitive. */
        @Override
        public String toString() {
            return "Message[id=" + id + ", timestamp=" + timestamp + "]";
        }
    }

    /**
     * Builds a {@link StandardWebhooksScheme}. Keys are checked as they are added; {@link #build()}
     * freezes a copy. Not thread-safe.
     *
     * @param <T> the payload type
     */
    public static final class Builder<T> {
        private final Class<T> type;
        private final Function<byte[], PayloadCheck<T>> reader;
        private final List<WebhookSecret> secrets = new ArrayList<>();
        private final List<PublicKey> publicKeys = new ArrayList<>();
        private final List<PrivateKey> signingKeys = new ArrayList<>();

        private Builder(Class<T> type, Function<byte[], PayloadCheck<T>> reader) {
            this.type = type;
            this.reader = reader;
        }

        /**
         * Adds a {@code whsec_} secret: verifies {@code v1} signatures and makes them. Add several during
         * a rotation.
         *
         * @throws IllegalArgumentException if it is not {@code whsec_} and the base64 of 24 to 64 bytes,
         *     or 8 secrets are already held (the message never holds the secret)
         */
        public Builder<T> secret(String secret) {
            Objects.requireNonNull(secret, "secret");
            checkRoom(secrets, "secrets");
            secrets.add(Keys.secret(secret));
            return this;
        }

        /**
         * Adds a {@code whpk_} public key: verifies {@code v1a} signatures. Add several during a
         * rotation.
         *
         * @throws IllegalArgumentException if it is not {@code whpk_} and the base64 of a 32-byte Ed25519
         *     public key, or 8 are already held
         */
        public Builder<T> publicKey(String publicKey) {
            Objects.requireNonNull(publicKey, "publicKey");
            checkRoom(publicKeys, "publicKeys");
            publicKeys.add(Keys.publicKey(publicKey));
            return this;
        }

        /**
         * Adds a {@code whsk_} signing key: makes {@code v1a} signatures in {@link
         * StandardWebhooksScheme#sign(String, Instant, byte[])}.
         *
         * @throws IllegalArgumentException if it is not {@code whsk_} and the base64 of a 32-byte Ed25519
         *     seed (or of the seed and its public key), or 8 are already held (the message never holds
         *     the key)
         */
        public Builder<T> signingKey(String signingKey) {
            Objects.requireNonNull(signingKey, "signingKey");
            checkRoom(signingKeys, "signingKeys");
            signingKeys.add(Keys.signingKey(signingKey));
            return this;
        }

        /**
         * @throws IllegalStateException if no key of any kind was added
         */
        public StandardWebhooksScheme<T> build() {
            if (secrets.isEmpty() && publicKeys.isEmpty() && signingKeys.isEmpty()) {
                throw new IllegalStateException(
                        "a Standard Webhooks scheme needs a whsec_ secret, a whpk_ public key or a whsk_ signing key");
            }
            return new StandardWebhooksScheme<>(this);
        }

        private static void checkRoom(List<?> keys, String name) {
            if (keys.size() == MAX_KEYS) {
                throw new IllegalArgumentException(name + " must hold at most " + MAX_KEYS);
            }
        }
    }
}
