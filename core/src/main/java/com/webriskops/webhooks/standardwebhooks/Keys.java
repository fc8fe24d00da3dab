package com.webriskops.webhooks.standardwebhooks;

import com.webriskops.webhooks.signing.WebhookSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * Reads the serialized keys of the specification (base64 after a prefix) and runs Ed25519 with the
 * JDK's own provider. Every refusal names the kind of key and never its text. Stateless and
 * thread-safe (a {@link Signature} is made per call).
 */
final class Keys {
    static final String SECRET_PREFIX = "whsec_";
    static final String PUBLIC_KEY_PREFIX = "whpk_";
    static final String SIGNING_KEY_PREFIX = "whsk_";
    static final int MIN_SECRET_BYTES = 24;
    static final int MAX_SECRET_BYTES = 64;
    static final int ED25519_KEY_BYTES = 32;
    static final int ED25519_SIGNATURE_BYTES = 64;

    private static final String ED25519 = "Ed25519";
    /** DER of SubjectPublicKeyInfo for Ed25519 (RFC 8410), before the 32 raw key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** DER of a PKCS #8 PrivateKeyInfo for Ed25519 (RFC 8410), before the 32-byte seed. */
    private static final byte[] PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };

    private static final byte[] PROBE = "standard-webhooks key check".getBytes(StandardCharsets.US_ASCII);

    private Keys() {}

    /**
     * A {@code whsec_} secret: the HMAC key is the base64-decoded text after the prefix, 24 to 64 bytes
     * as the specification asks.
     *
     * @throws IllegalArgumentException if it is not of that form (the message never holds the secret)
     */
    static WebhookSecret secret(String text) {
        byte[] key = decode(text, SECRET_PREFIX, "secret");
        try {
            if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
                throw new IllegalArgumentException("a Standard Webhooks secret must decode to " + MIN_SECRET_BYTES
                        + " to " + MAX_SECRET_BYTES + " bytes, not " + key.length);
            }
            return WebhookSecret.ofBytes(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * A {@code whpk_} public key: the base64 of the 32 raw bytes of an Ed25519 public key.
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    static PublicKey publicKey(String text) {
        byte[] raw = decode(text, PUBLIC_KEY_PREFIX, "public key");
        if (raw.length != ED25519_KEY_BYTES) {
            throw new IllegalArgumentException("a Standard Webhooks public key must decode to " + ED25519_KEY_BYTES
                    + " bytes (a raw Ed25519 public key), not " + raw.length);
        }
        try {
            return KeyFactory.getInstance(ED25519).generatePublic(new X509EncodedKeySpec(concat(SPKI_PREFIX, raw)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Standard Webhooks public key is not an Ed25519 public key", e);
        }
    }

    /**
     * A {@code whsk_} signing key: the base64 of a 32-byte Ed25519 seed, or of 64 bytes (the seed then
     * its public key, as libsodium keeps it; the public half must belong to the seed).
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    static PrivateKey signingKey(String text) {
        byte[] raw = decode(text, SIGNING_KEY_PREFIX, "signing key");
        try {
            if (raw.length != ED25519_KEY_BYTES && raw.length != 2 * ED25519_KEY_BYTES) {
                throw new IllegalArgumentException("a Standard Webhooks signing key must decode to "
                        + ED25519_KEY_BYTES + " bytes (an Ed25519 seed) or " + 2 * ED25519_KEY_BYTES
                        + " (seed and public key), not " + raw.length);
            }
            byte[] der = concat(PKCS8_PREFIX, Arrays.copyOf(raw, ED25519_KEY_BYTES));
            PrivateKey key;
            try {
                key = KeyFactory.getInstance(ED25519).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // No cause: the provider's message may quote the encoding, which holds the seed.
                throw new IllegalArgumentException("the Standard Webhooks signing key is not an Ed25519 key");
            } finally {
                Arrays.fill(der, (byte) 0);
            }
            if (raw.length == 2 * ED25519_KEY_BYTES) {
                String half = PUBLIC_KEY_PREFIX
                        + java.util.Base64.getEncoder()
                                .encodeToString(Arrays.copyOfRange(raw, ED25519_KEY_BYTES, raw.length));
                if (!verify(publicKey(half), PROBE, sign(key, PROBE))) {
                    throw new IllegalArgumentException(
                            "the public half of the Standard Webhooks signing key does not belong to its seed");
                }
            }
            return key;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** The Ed25519 signature of {@code message}. */
    static byte[] sign(PrivateKey key, byte[]... message) {
        try {
            Signature signature = Signature.getInstance(ED25519);
            signature.initSign(key);
            for (byte[] part : message) {
                signature.update(part);
            }
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed in this JVM", e);
        }
    }

    /** True when {@code signature} is {@code key}'s Ed25519 signature of {@code message}; never throws. */
    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        return verifyParts(key, signature, message);
    }

    /** True when {@code signature} is {@code key}'s Ed25519 signature of the parts, in order; never throws. */
    static boolean verifyParts(PublicKey key, byte[] signature, byte[]... message) {
        try {
            Signature verifier = Signature.getInstance(ED25519);
            verifier.initVerify(key);
            for (byte[] part : message) {
                verifier.update(part);
            }
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A point that does not decode, a non-canonical signature: not a match.
            return false;
        }
    }

    private static byte[] decode(String text, String prefix, String kind) {
        if (text == null) {
            throw new NullPointerException(kind);
        }
        if (!text.startsWith(prefix)) {
            throw new IllegalArgumentException("a Standard Webhooks " + kind + " must start with " + prefix);
        }
        byte[] bytes = Base64Text.decodeLenient(text, prefix.length());
        if (bytes == null) {
            throw new IllegalArgumentException("a Standard Webhooks " + kind + " must be " + prefix
                    + " followed by base64 (the standard alphabet)");
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
