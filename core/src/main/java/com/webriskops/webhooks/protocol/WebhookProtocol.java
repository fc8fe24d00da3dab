package com.webriskops.webhooks.protocol;

/**
 * Constants and format rules of the {@code ticket-export.webhook.v1} protocol. Every format check of
 * the kit goes through here, so sender and receiver agree on what is well formed.
 */
public final class WebhookProtocol {
    public static final String SCHEMA_VERSION = "ticket-export.webhook.v1";
    public static final String EVENT_TICKET_EXPORT_REQUESTED = "ticket_export.requested";
    public static final String SIGNATURE_PREFIX = "sha256=";

    /** Longest accepted timestamp, in digits (Unix seconds; 12 digits reach far past year 30000). */
    public static final int MAX_TIMESTAMP_DIGITS = 12;
    /** Longest accepted nonce. */
    public static final int MAX_NONCE_LENGTH = 128;
    /** Longest accepted idempotency key. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    /** Longest accepted signature header (room for several rotated signatures). */
    public static final int MAX_SIGNATURE_HEADER_LENGTH = 1024;
    /** Most comma-separated signatures looked at in one header. */
    public static final int MAX_SIGNATURES = 8;

    private WebhookProtocol() {}

    /** True for 1 to {@value #MAX_TIMESTAMP_DIGITS} ASCII digits and nothing else. */
    public static boolean isValidTimestamp(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_TIMESTAMP_DIGITS) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * True for 1 to {@value #MAX_NONCE_LENGTH} characters of {@code A-Z a-z 0-9 + / = _ -}. A nonce
     * never holds a {@code .}, so the signed message {@code timestamp.nonce.body} splits one way only.
     */
    public static boolean isValidNonce(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_NONCE_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '='
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** True for 1 to {@value #MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters (space to tilde). */
    public static boolean isValidIdempotencyKey(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
