package com.webriskops.webhooks.samples;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.sender.target.ExportTarget;
import com.webriskops.webhooks.sender.target.TargetSafety;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code check-target}: the sender's target check, without sending anything. */
final class CheckTargetCommand extends Command {
    CheckTargetCommand() {
        super(
                "check-target",
                "check a target URL as the sender would, without sending",
                "--url URL [--deployment-mode M] [--allow-private CIDR,...]",
                "Runs the sender's target check (HTTPS, no credentials in the URL, no odd numeric hosts,\n"
                        + "every resolved address allowed) and prints what it found, then 'ok' or the blocking\n"
                        + "code (generic_webhook_url_unsafe, generic_webhook_secret_missing) as its last line.\n"
                        + "Exit 0 only when ok. Nothing is sent.\n\n"
                        + "  --url URL                the target's webhook URL\n"
                        + Exports.TARGET_HELP
                        + "\nThe secret check runs when " + Console.SECRET_ENV + " is set.\n");
    }

    @Override
    public Set<String> options() {
        Set<String> options = new HashSet<>(Exports.TARGET_OPTIONS);
        options.add("url");
        return options;
    }

    @Override
    public int run(Args args, Console console) {
        List<WebhookSecret> secrets = console.secretsIfSet();
        ExportTarget target = Exports.target(args, args.required("url"), 0, ProviderKey.GENERIC_WEBHOOK, secrets);
        TargetSafety safety = TargetSafety.ofDefaults();
        TargetCheck check;
        if (secrets.isEmpty()) {
            console.err().println("check-target: " + Console.SECRET_ENV + " is not set; checking the URL only");
            check = safety.checkUrl(target);
        } else {
            check = safety.check(target);
        }
        if (check.ok()) {
            console.out().println("ok");
            return Main.OK;
        }
        console.out().println(check.providerCode() + ": " + check.message());
        console.out().println(check.code());
        return Main.NOT_OK;
    }
}
