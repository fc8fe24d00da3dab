package com.webriskops.webhooks.sender.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.webriskops.webhooks.payload.WebhookJson;
import com.webriskops.webhooks.sender.target.PayloadFinding;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Refuses payloads that carry what must not leave: the target's own secret (as is, in any letter
 * case, percent-, base64- or hex-encoded), tokens and keys (bearer tokens, JWTs, private keys, common
 * API key shapes, {@code password=…} assignments, members named like a secret holding a value) and
 * private artifact paths (screenshot and HTML snapshot paths, local file paths, {@code file:} URLs).
 * Every string in the JSON, member names included, is scanned after decoding, so escapes cannot hide
 * anything.
 *
 * <p>A finding names the place by a path that cannot carry what was found: a member name that is not
 * a plain identifier, that looks like a secret itself, or that sits under a member named like a
 * secret, is written {@code [*]}.
 *
 * <p>Scanning is linear in the size of the body: every detector is a hand-written single pass that
 * reads each character a bounded number of times (no regular expressions, no backtracking).
 * Thread-safe.
 */
public final class PayloadSafety {
    /** How a member name that must not be printed appears in a finding's path. */
    static final String PLACEHOLDER = "[*]";

    private static final int MAX_PLAIN_NAME = 64;
    private static final int LONG_NAME = 16;
    private static final int MAX_NAME_LOOKBACK = 64;
    private static final int MAX_GAP = 8;
    private static final int MAX_VALUE_LOOKAHEAD = 64;
    /** Shorter runs of base64 or hex characters are not decoded: they would hold under six bytes. */
    private static final int MIN_ENCODED_RUN = 8;

    /** Normalised (lower-case, letters and digits only) endings of names that hold a secret. */
    private static final List<String> SECRET_NAMES = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "apikey",
            "accesstoken",
            "authtoken",
            "refreshtoken",
            "privatekey",
            "secretkey",
            "accesskey");

    /** A detector and the kind of finding it reports. */
    private record Detector(String kind, Predicate<Text> finds) {}

    private static final List<Detector> DETECTORS = List.of(
            new Detector("private_key", PayloadSafety::privateKey),
            new Detector("jwt", PayloadSafety::jwt),
            new Detector("bearer_token", PayloadSafety::bearerToken),
            new Detector("api_key", PayloadSafety::knownTokenShape),
            new Detector("api_key", PayloadSafety::secretAssignment),
            new Detector("private_artifact_path", PayloadSafety::privateArtifactPath));

    private PayloadSafety() {}

    /**
     * The first finding in {@code payloadJson}, in document order, or null when it is safe to send.
     * A body that is not JSON is scanned as one text ({@code $}).
     *
     * @param payloadJson the JSON body about to be sent
     * @param secrets the target's signing secrets, which must not appear anywhere in the body
     * @throws NullPointerException if an argument is null
     */
    @Nullable
    public static PayloadFinding firstFinding(byte[] payloadJson, List<WebhookSecret> secrets) {
        Objects.requireNonNull(payloadJson, "payloadJson");
        Objects.requireNonNull(secrets, "secrets");
        PayloadFinding finding;
        try {
            finding = scanJson(payloadJson, secrets);
        } catch (IOException e) {
            String kind = kindIn(new String(payloadJson, StandardCharsets.UTF_8), secrets);
            finding = kind == null ? null : new PayloadFinding("$", kind);
        }
        if (finding == null) {
            // The raw bytes too: a secret placed in a number, or across tokens, is still caught here.
            for (WebhookSecret secret : secrets) {
                if (secret.occursInIgnoringAsciiCase(payloadJson)) {
                    return new PayloadFinding("$", "signing_secret");
                }
            }
        }
        return finding;
    }

    /** Where the parser is: one frame per open object or array. */
    private static final class Frame {
        final boolean array;
        /** This container is (inside) the value of a member named like a secret. */
        final boolean inSecret;

        int index = -1;
        /** The current member's name as printed (a plain name or {@link #PLACEHOLDER}). */
        String segment = PLACEHOLDER;
        /** The current member is named like a secret. */
        boolean secretNamed;

        Frame(boolean array, boolean inSecret) {
            this.array = array;
            this.inSecret = inSecret;
        }
    }

    /** Streams the JSON, so duplicate members and every root value are scanned too. */
    @Nullable
    private static PayloadFinding scanJson(byte[] json, List<WebhookSecret> secrets) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (JsonParser parser = WebhookJson.mapper().createParser(json)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                Frame top = frames.isEmpty() ? null : frames.get(frames.size() - 1);
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    frames.remove(frames.size() - 1);
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    top.segment = PLACEHOLDER;
                    String kind = kindIn(name, secrets);
                    if (kind != null) {
                        return new PayloadFinding(path(frames), kind);
                    }
                    top.segment = !top.inSecret && isPlainName(name) ? name : PLACEHOLDER;
                    top.secretNamed = isSecretName(name);
                    continue;
                }
                if (top != null && top.array) {
                    top.index++;
                }
                boolean underSecret = top != null && (top.inSecret || (!top.array && top.secretNamed));
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    frames.add(new Frame(token == JsonToken.START_ARRAY, underSecret));
                } else if (token == JsonToken.VALUE_STRING) {
                    String text = parser.getText();
                    String kind = kindIn(text, secrets);
                    if (kind == null && underSecret && looksLikeCredential(text)) {
                        kind = "credential";
                    }
                    if (kind != null) {
                        return new PayloadFinding(path(frames), kind);
                    }
                } else if (token.isNumeric() && underSecret && parser.getText().length() >= 8) {
                    return new PayloadFinding(path(frames), "credential");
                }
            }
        }
        return null;
    }

    private static String path(List<Frame> frames) {
        if (frames.isEmpty()) {
            return "$";
        }
        StringBuilder path = new StringBuilder();
        for (Frame frame : frames) {
            if (frame.array) {
                path.append('[').append(frame.index).append(']');
            } else if (frame.segment.equals(PLACEHOLDER)) {
                path.append(PLACEHOLDER);
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(frame.segment);
            }
        }
        return path.toString();
    }

    /**
     * A plain identifier that cannot be a token: {@code [A-Za-z_][A-Za-z0-9_]{0,63}}, and not a long
     * mix of letters and digits.
     */
    static boolean isPlainName(String name) {
        if (name.isEmpty() || name.length() > MAX_PLAIN_NAME || isDigit(name.charAt(0))) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isWord(c)) {
                return false;
            }
            digit |= isDigit(c);
        }
        return !(digit && name.length() >= LONG_NAME);
    }

    /** Names such as {@code password}, {@code client_secret}, {@code X-Api-Key}, {@code accessToken}. */
    static boolean isSecretName(String name) {
        return isSecretName(name, 0, name.length());
    }

    /**
     * Whether {@code text[start, end)}, lower-cased with everything but letters and digits left out,
     * ends with one of {@link #SECRET_NAMES}. Allocates nothing.
     */
    private static boolean isSecretName(CharSequence text, int start, int end) {
        for (String secretName : SECRET_NAMES) {
            int k = secretName.length() - 1;
            for (int i = end - 1; i >= start && k >= 0; i--) {
                char c = text.charAt(i);
                if (isAsciiLetter(c) || isDigit(c)) {
                    if ((char) (c | 0x20) != secretName.charAt(k)) {
                        break;
                    }
                    k--;
                }
            }
            if (k < 0) {
                return true;
            }
        }
        return false;
    }

    /** A value under a secret-named member that is not empty, short or an obvious placeholder. */
    private static boolean looksLikeCredential(String value) {
        String v = value.strip();
        if (v.length() < 8) {
            return false;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.contains("redact") || lower.contains("masked") || lower.contains("hidden")) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            if ("*\u2022xX#.-_ ".indexOf(v.charAt(i)) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The kind of the first finding in {@code text}, or null. */
    @Nullable
    private static String kindIn(String text, List<WebhookSecret> secrets) {
        if (!secrets.isEmpty() && carriesSecret(text, secrets)) {
            return "signing_secret";
        }
        Text t = new Text(text);
        for (Detector detector : DETECTORS) {
            if (detector.finds().test(t)) {
                return detector.kind();
            }
        }
        return null;
    }

    /**
     * The detectors' work on {@code text}: how many characters they read, all of them run to the end.
     * For the tests that hold the scan linear.
     */
    static long detectorSteps(String text) {
        Text t = new Text(text);
        for (Detector detector : DETECTORS) {
            detector.finds().test(t);
        }
        return t.steps;
    }

    // ---------------------------------------------------------------- the target's secret

    private static boolean carriesSecret(String text, List<WebhookSecret> secrets) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (anyIgnoringCase(secrets, bytes)) {
            return true;
        }
        if (text.indexOf('%') >= 0 && anyIgnoringCase(secrets, percentDecoded(bytes))) {
            return true;
        }
        for (int offset = 0; offset < 4; offset++) {
            if (anyExact(secrets, base64Decoded(bytes, offset))) {
                return true;
            }
        }
        return anyExact(secrets, hexDecoded(bytes, 0)) || anyExact(secrets, hexDecoded(bytes, 1));
    }

    private static boolean anyIgnoringCase(List<WebhookSecret> secrets, byte[] data) {
        for (WebhookSecret secret : secrets) {
            if (secret.occursInIgnoringAsciiCase(data)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyExact(List<WebhookSecret> secrets, byte[] data) {
        if (data.length == 0) {
            return false;
        }
        for (WebhookSecret secret : secrets) {
            if (secret.occursIn(data)) {
                return true;
            }
        }
        return false;
    }

    /** {@code %XX} decoded, everything else as is. */
    static byte[] percentDecoded(byte[] text) {
        byte[] out = new byte[text.length];
        int o = 0;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '%' && i + 2 < text.length && hexValue(text[i + 1]) >= 0 && hexValue(text[i + 2]) >= 0) {
                out[o++] = (byte) (hexValue(text[i + 1]) << 4 | hexValue(text[i + 2]));
                i += 2;
            } else {
                out[o++] = text[i];
            }
        }
        return Arrays.copyOf(out, o);
    }

    /**
     * Every run of base64 characters (standard and url-safe alike, padding ends a run) decoded from
     * its {@code offset}-th character on, the runs' bytes one after the other. Offsets 0 to 3 cover an
     * encoding that starts anywhere in a run. Runs shorter than {@link #MIN_ENCODED_RUN} are left out.
     */
    static byte[] base64Decoded(byte[] text, int offset) {
        byte[] out = new byte[text.length];
        int o = 0;
        int i = 0;
        while (i < text.length) {
            if (base64Value(text[i]) < 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length && base64Value(text[i]) >= 0) {
                i++;
            }
            if (i - start < MIN_ENCODED_RUN) {
                continue;
            }
            int acc = 0;
            int bits = 0;
            for (int p = start + offset; p < i; p++) {
                acc = (acc << 6) | base64Value(text[p]);
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    out[o++] = (byte) (acc >> bits);
                    acc &= (1 << bits) - 1;
                }
            }
        }
        return Arrays.copyOf(out, o);
    }

    /**
     * Every run of hex digits (either case) decoded from its {@code offset}-th digit on; runs shorter
     * than {@link #MIN_ENCODED_RUN} are left out.
     */
    static byte[] hexDecoded(byte[] text, int offset) {
        byte[] out = new byte[text.length / 2 + 1];
        int o = 0;
        int i = 0;
        while (i < text.length) {
            if (hexValue(text[i]) < 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length && hexValue(text[i]) >= 0) {
                i++;
            }
            if (i - start < MIN_ENCODED_RUN) {
                continue;
            }
            for (int p = start + offset; p + 1 < i; p += 2) {
                out[o++] = (byte) (hexValue(text[p]) << 4 | hexValue(text[p + 1]));
            }
        }
        return Arrays.copyOf(out, o);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private static int base64Value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+' || b == '-') {
            return 62;
        }
        if (b == '/' || b == '_') {
            return 63;
        }
        return -1;
    }

    // ---------------------------------------------------------------- detectors

    /** A text and how many character reads the detectors spent on it. */
    private static final class Text {
        final String s;
        final int n;
        long steps;

        Text(String s) {
            this.s = s;
            this.n = s.length();
        }

        char at(int i) {
            steps++;
            return s.charAt(i);
        }

        /** True when {@code word} (lower-case ASCII) starts at {@code i}, ignoring ASCII case. */
        boolean startsWithIgnoreCase(int i, String word) {
            if (i < 0 || i + word.length() > n) {
                return false;
            }
            for (int j = 0; j < word.length(); j++) {
                char c = at(i + j);
                if (c != word.charAt(j) && (isAsciiLetter(c) ? (char) (c | 0x20) : c) != word.charAt(j)) {
                    return false;
                }
            }
            return true;
        }

        boolean startsWith(int i, String word) {
            if (i < 0 || i + word.length() > n) {
                return false;
            }
            for (int j = 0; j < word.length(); j++) {
                if (at(i + j) != word.charAt(j)) {
                    return false;
                }
            }
            return true;
        }

        /** A word boundary before {@code i}: the start, or a character that is not [A-Za-z0-9_]. */
        boolean boundaryBefore(int i) {
            return i == 0 || !isWord(at(i - 1));
        }

        /** How many characters from {@code i} on are in {@code chars}, counting at most {@code max}. */
        int count(int i, CharClass chars, int max) {
            int k = 0;
            while (k < max && i + k < n && chars.has(at(i + k))) {
                k++;
            }
            return k;
        }
    }

    /** A set of characters. */
    private interface CharClass {
        boolean has(char c);
    }

    private static final CharClass ALNUM = c -> isAsciiLetter(c) || isDigit(c);
    private static final CharClass WORD = PayloadSafety::isWord;
    private static final CharClass BASE64URL = c -> isWord(c) || c == '-';
    private static final CharClass ALNUM_DASH = c -> ALNUM.has(c) || c == '-';
    private static final CharClass UPPER_DIGIT = c -> (c >= 'A' && c <= 'Z') || isDigit(c);
    private static final CharClass WHSEC = c -> BASE64URL.has(c) || c == '+' || c == '/' || c == '=';
    private static final CharClass BEARER = c -> BASE64URL.has(c) || ".~+/".indexOf(c) >= 0;

    /**
     * {@code -----BEGIN … PRIVATE KEY…} (or {@code END}): five dashes or more, then a label of
     * letters, digits and spaces that holds {@code PRIVATE KEY}. Each label is read once: it holds no
     * dash, so the next marker starts after it.
     */
    private static boolean privateKey(Text t) {
        int i = 0;
        while (i < t.n) {
            if (t.at(i) != '-') {
                i++;
                continue;
            }
            int j = i;
            while (j < t.n && t.at(j) == '-') {
                j++;
            }
            if (j - i < 5) {
                i = j;
                continue;
            }
            int k;
            if (t.startsWithIgnoreCase(j, "begin")) {
                k = j + 5;
            } else if (t.startsWithIgnoreCase(j, "end")) {
                k = j + 3;
            } else {
                i = j;
                continue;
            }
            StringBuilder label = new StringBuilder();
            while (k < t.n) {
                char c = t.at(k);
                if (c == ' ' || c == '\t' || Character.isSpaceChar(c)) {
                    if (label.length() > 0 && label.charAt(label.length() - 1) != ' ') {
                        label.append(' ');
                    }
                } else if (isAsciiLetter(c) || isDigit(c)) {
                    label.append(isAsciiLetter(c) ? (char) (c & ~0x20) : c);
                } else {
                    break;
                }
                k++;
            }
            if (label.indexOf("PRIVATE KEY") >= 0) {
                return true;
            }
            i = Math.max(k, j);
        }
        return false;
    }

    /**
     * A JWT: three runs of base64url characters joined by single dots, the first holding {@code eyJ}
     * at a word boundary with four characters or more after it, the second starting with {@code eyJ}
     * and seven characters or more long, the third four or more. Each run is read once.
     */
    private static boolean jwt(Text t) {
        int aEnd = -2;
        boolean aHead = false;
        int bStart = -2;
        int bEnd = -2;
        boolean bHead = false;
        boolean bEyJ = false;
        int i = 0;
        while (i < t.n) {
            char c = t.at(i);
            if (!BASE64URL.has(c)) {
                i++;
                continue;
            }
            int start = i;
            int head = -1;
            char previous = 0;
            while (i < t.n) {
                char d = i == start ? c : t.at(i);
                if (!BASE64URL.has(d)) {
                    break;
                }
                if (head < 0 && d == 'e' && (i == start || previous == '-') && t.startsWith(i + 1, "yJ")) {
                    head = i;
                }
                previous = d;
                i++;
            }
            int end = i;
            boolean hasHead = head >= 0 && end - (head + 3) >= 4;
            boolean startsEyJ = head == start && end - start >= 7;
            if (aHead && bEyJ && bStart == aEnd + 1 && start == bEnd + 1 && end - start >= 4) {
                if (t.at(aEnd) == '.' && t.at(bEnd) == '.') {
                    return true;
                }
            }
            aEnd = bEnd;
            aHead = bHead;
            bStart = start;
            bEnd = end;
            bHead = hasHead;
            bEyJ = startsEyJ;
        }
        return false;
    }

    /**
     * {@code bearer} (any case) at a word boundary, one or more spaces of any kind (tabs, no-break and
     * other Unicode spaces), then sixteen token characters or more.
     */
    private static boolean bearerToken(Text t) {
        for (int i = 0; i + 6 < t.n; i++) {
            char c = t.at(i);
            if ((c != 'b' && c != 'B') || !t.boundaryBefore(i) || !t.startsWithIgnoreCase(i, "bearer")) {
                continue;
            }
            int j = i + 6;
            while (j < t.n && isSpace(t.at(j))) {
                j++;
            }
            if (j == i + 6) {
                continue;
            }
            if (t.count(j, BEARER, 16) >= 16) {
                return true;
            }
            i = j - 1;
        }
        return false;
    }

    /**
     * Well-known key shapes at a word boundary: AWS access key ids, GitHub, GitLab, Slack, Stripe,
     * Google and OpenAI-style keys, webhook signing secrets. Each start reads a bounded prefix and at
     * most a bounded count of characters.
     */
    private static boolean knownTokenShape(Text t) {
        for (int i = 0; i < t.n; i++) {
            char c = t.at(i);
            if ("Agxsrw".indexOf(c) < 0 || !t.boundaryBefore(i)) {
                continue;
            }
            boolean found = switch (c) {
                case 'A' ->
                    ((t.startsWith(i, "AKIA") || t.startsWith(i, "ASIA"))
                                    && t.count(i + 4, UPPER_DIGIT, 16) == 16
                                    && (i + 20 == t.n || !isWord(t.at(i + 20))))
                            || (t.startsWith(i, "AIza") && t.count(i + 4, BASE64URL, 35) == 35);
                case 'g' ->
                    (t.startsWith(i, "gh")
                                    && i + 3 < t.n
                                    && "pousr".indexOf(t.at(i + 2)) >= 0
                                    && t.at(i + 3) == '_'
                                    && t.count(i + 4, ALNUM, 30) == 30)
                            || (t.startsWith(i, "github_pat_") && t.count(i + 11, WORD, 22) == 22)
                            || (t.startsWith(i, "glpat-") && t.count(i + 6, BASE64URL, 20) == 20);
                case 'x' ->
                    t.startsWith(i, "xox")
                            && i + 4 < t.n
                            && "abposr".indexOf(t.at(i + 3)) >= 0
                            && t.at(i + 4) == '-'
                            && t.count(i + 5, ALNUM_DASH, 10) == 10;
                case 's', 'r' -> stripeKey(t, i) || (c == 's' && openAiKey(t, i));
                case 'w' -> t.startsWith(i, "whsec_") && t.count(i + 6, WHSEC, 8) == 8;
                default -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    private static boolean stripeKey(Text t, int i) {
        return i + 2 < t.n
                && t.at(i + 1) == 'k'
                && t.at(i + 2) == '_'
                && (t.startsWith(i + 3, "live_") || t.startsWith(i + 3, "test_"))
                && t.count(i + 8, ALNUM, 16) == 16;
    }

    private static boolean openAiKey(Text t, int i) {
        if (!t.startsWith(i, "sk-")) {
            return false;
        }
        return t.count(i + 3, BASE64URL, 32) == 32;
    }

    /**
     * {@code name=value} or {@code name: value} where the name ends like a secret ({@code password},
     * {@code client_secret}, {@code api-key}…), optionally quoted, and the value is twelve characters
     * or more (eight with letters and digits), punctuation included. Each separator looks back and
     * ahead a bounded number of characters.
     */
    private static boolean secretAssignment(Text t) {
        for (int i = 0; i < t.n; i++) {
            char c = t.at(i);
            if (c != ':' && c != '=') {
                continue;
            }
            int j = i - 1;
            for (int gap = 0; j >= 0 && gap < MAX_GAP && isSpace(t.at(j)); gap++) {
                j--;
            }
            if (j >= 0 && isQuote(t.at(j))) {
                j--;
            }
            int end = j + 1;
            while (j >= 0 && end - j <= MAX_NAME_LOOKBACK && BASE64URL.has(t.at(j))) {
                j--;
            }
            if (j == end - 1 || (j >= 0 && end - j > MAX_NAME_LOOKBACK)) {
                continue;
            }
            if (isSecretName(t.s, j + 1, end) && secretValueAfter(t, i + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean secretValueAfter(Text t, int from) {
        int k = from;
        for (int gap = 0; k < t.n && gap < MAX_GAP && isSpace(t.at(k)); gap++) {
            k++;
        }
        if (k < t.n && isQuote(t.at(k))) {
            k++;
        }
        if (t.startsWithIgnoreCase(k, "https://") || t.startsWithIgnoreCase(k, "http://")) {
            return false;
        }
        int length = 0;
        int trimmed = 0;
        boolean letter = false;
        boolean digit = false;
        while (length < MAX_VALUE_LOOKAHEAD && k + length < t.n) {
            char c = t.at(k + length);
            if (isSpace(c) || isQuote(c) || ",;&<>()[]{}|".indexOf(c) >= 0) {
                break;
            }
            length++;
            if (".,:;!?".indexOf(c) < 0) {
                trimmed = length;
            }
            letter |= Character.isLetter(c);
            digit |= isDigit(c);
        }
        return trimmed >= 12 || (trimmed >= 8 && letter && digit);
    }

    /**
     * Private artifact paths: {@code file:/} URLs, absolute paths under {@code /home}, {@code /tmp}
     * and the like, Windows drive and UNC paths, and screenshot, snapshot or artifact paths that end
     * in an image, page or archive extension.
     */
    private static boolean privateArtifactPath(Text t) {
        for (int i = 0; i < t.n; i++) {
            char c = t.at(i);
            if ((c == 'f' || c == 'F') && t.boundaryBefore(i) && t.startsWithIgnoreCase(i, "file:/")) {
                return true;
            }
            if (c == '/' && (i == 0 || !isSystemPathChar(t.at(i - 1))) && systemDir(t, i + 1)) {
                return true;
            }
            if (c == '\\' && uncPath(t, i)) {
                return true;
            }
            if (isAsciiLetter(c)
                    && i + 3 < t.n
                    && t.at(i + 1) == ':'
                    && t.at(i + 2) == '\\'
                    && !isJavaSpace(t.at(i + 3))
                    && t.boundaryBefore(i)) {
                return true;
            }
        }
        return artifactDirectoryPath(t);
    }

    private static final List<String> SYSTEM_DIRS =
            List.of("home", "users", "root", "tmp", "var", "etc", "srv", "opt", "mnt", "private", "data", "storage");

    /** {@code home/x} and the like at {@code i}: a system directory, a slash and something after it. */
    private static boolean systemDir(Text t, int i) {
        for (String dir : SYSTEM_DIRS) {
            int slash = i + dir.length();
            if (t.startsWithIgnoreCase(i, dir)
                    && slash + 1 < t.n
                    && t.at(slash) == '/'
                    && !isJavaSpace(t.at(slash + 1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code \\host\x} at {@code i}. The host name holds no backslash, so the next candidate starts
     * after it and every host name is read once.
     */
    private static boolean uncPath(Text t, int i) {
        if (i + 2 >= t.n || t.at(i + 1) != '\\') {
            return false;
        }
        int k = i + 2;
        while (k < t.n && isHostChar(t.at(k))) {
            k++;
        }
        return k > i + 2 && k + 1 < t.n && t.at(k) == '\\' && !isJavaSpace(t.at(k + 1));
    }

    private static final List<String> ARTIFACT_DIRS = List.of(
            "screenshots",
            "screenshot",
            "snapshots",
            "snapshot",
            "html-snapshots",
            "html-snapshot",
            "html_snapshots",
            "html_snapshot",
            "artifacts",
            "private");

    private static final List<String> ARTIFACT_EXTENSIONS =
            List.of("png", "jpg", "jpeg", "webp", "gif", "html", "htm", "mhtml", "har", "pdf");

    /**
     * {@code screenshots/…/x.png} and the like: within each run of non-space characters, the last
     * {@code .png}-like extension is found first, then every artifact directory is checked against
     * it, so each run is read a bounded number of times.
     */
    private static boolean artifactDirectoryPath(Text t) {
        int i = 0;
        while (i < t.n) {
            if (isJavaSpace(t.at(i))) {
                i++;
                continue;
            }
            int start = i;
            int lastExtension = -1;
            while (i < t.n && !isJavaSpace(t.at(i))) {
                if (t.at(i) == '.' && extensionAt(t, i + 1)) {
                    lastExtension = i;
                }
                i++;
            }
            if (lastExtension < 0) {
                continue;
            }
            for (int s = start; s < lastExtension; s++) {
                char c = t.at(s);
                if ("sShHaApP".indexOf(c) < 0 || (s > start && isHostChar(t.at(s - 1)))) {
                    continue;
                }
                for (String dir : ARTIFACT_DIRS) {
                    int slash = s + dir.length();
                    if (slash + 2 <= lastExtension && t.startsWithIgnoreCase(s, dir) && t.at(slash) == '/') {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean extensionAt(Text t, int i) {
        for (String extension : ARTIFACT_EXTENSIONS) {
            int end = i + extension.length();
            if (t.startsWithIgnoreCase(i, extension) && (end == t.n || !isWord(t.at(end)))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- characters

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWord(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_';
    }

    /** {@code [\w:/.-]}: what may not precede {@code /home} and the like. */
    private static boolean isSystemPathChar(char c) {
        return isHostChar(c) || c == ':' || c == '/';
    }

    /** {@code [\w.-]}: a host name character, and what may not precede an artifact directory. */
    private static boolean isHostChar(char c) {
        return isWord(c) || c == '.' || c == '-';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    /** Java's {@code \s}: ASCII white space. */
    private static boolean isJavaSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Any space: ASCII white space, no-break spaces, the Unicode space separators, zero-width ones. */
    private static boolean isSpace(char c) {
        return isJavaSpace(c)
                || Character.isSpaceChar(c)
                || Character.isWhitespace(c)
                || c == '\u200b'
                || c == '\u2060'
                || c == '\ufeff'
                || c == '\u180e';
    }
}
