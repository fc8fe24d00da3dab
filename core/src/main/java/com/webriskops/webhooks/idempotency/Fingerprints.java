package com.webriskops.webhooks.idempotency;

import com.webriskops.webhooks.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Request fingerprints and bounded scopes, as hex SHA-256. */
final class Fingerprints {
    static final int MAX_PLAIN_SCOPE = 128;

    private Fingerprints() {}

    /** SHA-256 over {@code method \n path \n hex(SHA-256(body))}, in hex. */
    static String of(String method, String path, byte[] body) {
        MessageDigest digest = sha256();
        String bodyHash = Hex.encode(digest.digest(body));
        byte[] head = (method + "\n" + path + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8);
        return Hex.encode(digest.digest(head));
    }

    /** {@code scope} itself when it is 1 to 128 printable ASCII characters, otherwise its hash. */
    static String boundedScope(String scope) {
        boolean plain = !scope.isEmpty() && scope.length() <= MAX_PLAIN_SCOPE;
        for (int i = 0; plain && i < scope.length(); i++) {
            char c = scope.charAt(i);
            plain = c >= 0x20 && c <= 0x7e;
        }
        return plain ? scope : "sha256:" + Hex.encode(sha256().digest(scope.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
