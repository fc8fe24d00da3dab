package com.webriskops.webhooks.sender.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuses payloads that carry what must not leave: the target's own secret, tokens and keys (bearer
 * tokens, JWTs, private keys, common API key shapes) and private artifact paths (screenshot and HTML
 * snapshot paths, local file paths, {@code file:} URLs). Every string in the JSON is scanned after
 * decoding, so escapes cannot hide anything; member names are scanned too. Thread-safe.
 */
public final class PayloadSafety {
    /** A pattern and the kind of finding it reports. */
    private record Rule(String kind, Pattern pattern) {}

    private static final List<Rule> RULES = List.of(
            new Rule("private_key", Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")),
            new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}")),
            new Rule("bearer_token", Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{16,}=*")),
            new Rule(
                    "api_key",
                    Pattern.compile(
                            "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b" // AWS access key id
                                    + "|\\bgh[pousr]_[A-Za-z0-9]{30,}" // GitHub tokens
                                    + "|\\bgithub_pat_[A-Za-z0-9_]{22,}"
                                    + "|\\bglpat-[A-Za-z0-9_-]{20,}" // GitLab
                                    + "|\\bxox[abposr]-[A-Za-z0-9-]{10,}" // Slack
                                    + "|\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}" // Stripe
                                    + "|\\bAIza[0-9A-Za-z_-]{35}" // Google API key
                                    + "|\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}" // OpenAI-style
                                    + "|\\bwhsec_[A-Za-z0-9+/=_-]{8,}" // webhook signing secrets
                                    + "|(?i)\\b(?:api[_-]?key|secret|access[_-]?token|auth[_-]?token|password|passwd)"
                                    + "\\s*[:=]\\s*[\"']?[A-Za-z0-9._~+/-]{12,}")),
            new Rule(
                    "private_artifact_path",
                    Pattern.compile(
                            "(?i)\\bfile:/" // file: URLs
                                    + "|(?<![\\w:/.-])/(?:home|Users|root|tmp|var|etc|srv|opt|mnt|private|data|storage)/\\S+"
                                    + "|(?<![\\w])[A-Za-z]:\\\\\\S+" // Windows drive paths
                                    + "|\\\\\\\\[\\w.-]+\\\\\\S+" // UNC paths
                                    + "|(?<![\\w.-])(?:screenshots?|snapshots?|html[-_]snapshots?|artifacts|private)"
                                    + "/\\S+\\.(?:png|jpe?g|webp|gif|html?|mhtml|har|pdf)\\b")));

    private PayloadSafety() {}

    /**
     * The first finding in {@code payloadJson}, in document order, or null when it is safe to send.
     * A body that is not JSON is scanned as one text ({@code $}).
     *
     * @param payloadJson the JSON body about to be sent
     * @param secrets the target's signing secrets, which must not appear anywhere in the body
     */
    @Nullable
    public static PayloadFinding firstFinding(byte[] payloadJson, List<WebhookSecret> secrets) {
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(secrets, "secrets");
        JsonNode tree;
        try {
            tree = WebhookJson.mapper().readTree(payloadJson);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null) {
            return scanText("$", new String(payloadJson, StandardCharsets.UTF_8), secrets);
        }
        PayloadFinding finding = scan(tree, "", secrets);
        if (finding == null) {
            // The raw bytes too: a secret split by escapes decodes into one string above, but a
            // secret placed in a number or a key spelled oddly is still caught here.
            for (WebhookSecret secret : secrets) {
                if (secret.occursIn(payloadJson)) {
                    return new PayloadFinding("$", "signing_secret");
                }
            }
        }
        return finding;
    }

    @Nullable
    private static PayloadFinding scan(JsonNode node, String path, List<WebhookSecret> secrets) {
        if (node.isTextual()) {
            return scanText(path.isEmpty() ? "$" : path, node.textValue(), secrets);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                PayloadFinding finding = scan(node.get(i), path + "[" + i + "]", secrets);
                if (finding != null) {
                    return finding;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String memberPath = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                PayloadFinding finding = scanText(memberPath, member.getKey(), secrets);
                if (finding == null) {
                    finding = scan(member.getValue(), memberPath, secrets);
                }
                if (finding != null) {
                    return finding;
                }
            }
        }
        return null;
    }

    @Nullable
    private static PayloadFinding scanText(String field, String text, List<WebhookSecret> secrets) {
        if (!secrets.isEmpty()) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (WebhookSecret secret : secrets) {
                if (secret.occursIn(bytes)) {
                    return new PayloadFinding(field, "signing_secret");
                }
            }
        }
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(text).find()) {
                return new PayloadFinding(field, rule.kind());
            }
        }
        return null;
    }
}
