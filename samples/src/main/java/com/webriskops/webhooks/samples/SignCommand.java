package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.protocol.WebhookProtocol;
import com.webriskops.webhooks.signing.WebhookSignatures;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** {@code sign}: prints the {@code X-WebRiskOps-Signature} value for a body. */
final class SignCommand implements Command {
    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String summary() {
        return "print the X-WebRiskOps-Signature value for a body";
    }

    @Override
    public String help() {
        return Main.usage("sign", "--timestamp T --nonce N [--body FILE]")
                + "Prints the X-WebRiskOps-Signature header value: sha256=hex(HMAC-SHA256(secret,\n"
                + "timestamp + '.' + nonce + '.' + body)), one signature per secret during a rotation.\n\n"
                + "  --timestamp T   Unix seconds, as sent in X-WebRiskOps-Timestamp\n"
                + "  --nonce N       as sent in X-WebRiskOps-Nonce\n"
                + "  --body FILE     the exact body bytes; standard input when absent\n\n"
                + "Secret: " + Console.SECRET_ENV + " (comma-separated during a rotation).\n";
    }

    @Override
    public Set<String> options() {
        return Set.of("timestamp", "nonce", "body");
    }

    @Override
    public int run(Args args, Console console) throws Exception {
        String timestamp = args.required("timestamp");
        String nonce = args.required("nonce");
        if (!WebhookProtocol.isValidTimestamp(timestamp)) {
            throw new UsageException("--timestamp must be Unix seconds, not '" + timestamp + "'");
        }
        if (!WebhookProtocol.isValidNonce(nonce)) {
            throw new UsageException("--nonce is not a valid nonce");
        }
        var secrets = console.secrets();
        String bodyFile = args.optional("body");
        byte[] body;
        try {
            body = bodyFile == null ? console.in().readAllBytes() : Files.readAllBytes(Path.of(bodyFile));
        } catch (NoSuchFileException e) {
            throw new UsageException("--body " + bodyFile + " does not exist");
        }
        console.out().println(WebhookSignatures.sign(secrets, timestamp, nonce, body));
        return Main.OK;
    }
}
