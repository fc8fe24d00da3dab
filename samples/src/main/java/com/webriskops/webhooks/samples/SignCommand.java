package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.signing.WebhookSecret;
import com.webriskops.webhooks.signing.WebhookSignatures;
import com.webriskops.webhooks.standardwebhooks.StandardWebhooksScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code sign}: prints the {@code X-WebRiskOps-Signature} value for a body, or with {@code --scheme
 * standard-webhooks} the {@code webhook-signature} value.
 */
final class SignCommand extends Command {
    /** The environment variable holding the Standard Webhooks {@code whsec_} secrets (and its _PREVIOUS during a rotation). */
    static final String STANDARD_SECRET_ENV = ReceiveCommand.STANDARD_SECRET_ENV;

    /** The environment variable holding Standard Webhooks {@code whsk_} signing keys (and its _PREVIOUS during a rotation). */
    static final String STANDARD_SIGNING_KEY_ENV = "STANDARD_WEBHOOKS_SIGNING_KEY";

    SignCommand() {
        super(
                "sign",
                "print the X-WebRiskOps-Signature (or Standard Webhooks webhook-signature) value for a body",
                "--timestamp T --nonce N [--body FILE]\n   or: sign --scheme standard-webhooks --id ID"
                        + " --timestamp T [--body FILE]",
                "Prints the X-WebRiskOps-Signature header value: sha256=hex(HMAC-SHA256(secret,\n"
                        + "timestamp + '.' + nonce + '.' + body)), one signature per secret during a rotation.\n\n"
                        + "  --timestamp T   Unix seconds, as sent in X-WebRiskOps-Timestamp\n"
                        + "  --nonce N       as sent in X-WebRiskOps-Nonce\n"
                        + "  --body FILE     the exact body bytes; standard input when absent\n\n"
                        + "Secret: " + Console.SECRET_ENV + " (" + Console.ROTATION_HELP + ").\n\n"
                        + "With --scheme standard-webhooks, prints the webhook-signature header value: 'v1,' +\n"
                        + "base64(HMAC-SHA256(key, id + '.' + timestamp + '.' + body)) per secret, then 'v1a,' +\n"
                        + "base64(Ed25519) per signing key, space-separated.\n"
                        + "  --id ID         as sent in webhook-id (no '.')\n"
                        + "Keys: " + STANDARD_SECRET_ENV + " (whsec_..., " + Console.ROTATION_HELP + ") and/or\n"
                        + STANDARD_SIGNING_KEY_ENV + " (whsk_..., for v1a).\n");
    }

    @Override
    public Set<String> options() {
        return Set.of("scheme", "id", "timestamp", "nonce", "body");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        String scheme = args.optional("scheme") == null ? "webriskops" : args.optional("scheme");
        if (scheme.equals("standard-webhooks")) {
            return runStandard(args, console);
        }
        if (!scheme.equals("webriskops")) {
            throw new UsageException("--scheme must be webriskops or standard-webhooks, not '" + scheme + "'");
        }
        String timestamp = args.required("timestamp");
        String nonce = args.required("nonce");
        if (!WebhookProtocol.isValidTimestamp(timestamp)) {
            throw new UsageException("--timestamp must be Unix seconds, not '" + timestamp + "'");
        }
        if (!WebhookProtocol.isValidNonce(nonce)) {
            throw new UsageException("--nonce is not a valid nonce");
        }
        var secrets = console.secrets();
        if (secrets.stream().anyMatch(WebhookSecret::isTooShortForReceiving)) {
            console.err()
                    .println("sign: warning: " + Console.SECRET_ENV + " is shorter than "
                            + WebhookSecret.MIN_RECEIVING_KEY_BYTES
                            + " bytes; receivers refuse so short a key (use 32 random bytes or more)");
        }
        console.out().println(WebhookSignatures.sign(secrets, timestamp, nonce, body(args, console)));
        return Main.OK;
    }

    /** {@code --scheme standard-webhooks}: the {@code webhook-signature} value. */
    private static int runStandard(Args args, Console console) throws IOException {
        String id = args.required("id");
        String timestamp = args.required("timestamp");
        if (!WebhookProtocol.isValidTimestamp(timestamp)) {
            throw new UsageException("--timestamp must be Unix seconds, not '" + timestamp + "'");
        }
        StandardWebhooksScheme.Builder<byte[]> scheme = StandardWebhooksScheme.builder();
        List<String> secrets = ReceiveCommand.secretsFrom(console, STANDARD_SECRET_ENV, s -> s);
        List<String> signingKeys = ReceiveCommand.secretsFrom(console, STANDARD_SIGNING_KEY_ENV, s -> s);
        if (secrets.isEmpty() && signingKeys.isEmpty()) {
            throw new UsageException("set " + STANDARD_SECRET_ENV + " to the whsec_ secret (or "
                    + STANDARD_SIGNING_KEY_ENV + " to a whsk_ signing key)");
        }
        ReceiveCommand.addKeys(secrets, scheme::secret, STANDARD_SECRET_ENV);
        ReceiveCommand.addKeys(signingKeys, scheme::signingKey, STANDARD_SIGNING_KEY_ENV);
        Map<String, List<String>> headers;
        try {
            headers = scheme.build().sign(id, Instant.ofEpochSecond(Long.parseLong(timestamp)), body(args, console));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--id or --timestamp: " + e.getMessage());
        }
        console.out()
                .println(headers.get(StandardWebhooksScheme.SIGNATURE_HEADER).get(0));
        return Main.OK;
    }

    private static byte[] body(Args args, Console console) throws IOException {
        String bodyFile = args.optional("body");
        try {
            return bodyFile == null ? console.in().readAllBytes() : Files.readAllBytes(Path.of(bodyFile));
        } catch (NoSuchFileException e) {
            throw new UsageException("--body " + bodyFile + " does not exist");
        }
    }
}
