package com.webriskops.webhooks.sender.target;

import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.sender.internal.AddressGuard;
import com.webriskops.webhooks.sender.internal.AddressRules;
import com.webriskops.webhooks.sender.internal.HostResolver;
import jakarta.annotation.Nullable;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks a target before anything is sent to it: a signing secret when signing is required, and a
 * safe URL. Safe means HTTPS (plain HTTP only to allowlisted private addresses of a self-hosted
 * target), no user-info, a valid host and port, no odd numeric host spelling, and every address the
 * host resolves to allowed for the target: public addresses always; private ones only for a
 * self-hosted target whose private-network allowlist names them; loopback only when an allowlist
 * entry lies inside the loopback range; cloud metadata only when an entry names exactly that host;
 * unspecified, multicast and broadcast never (IPv6 forms that carry an IPv4 address are judged by the
 * address inside). Thread-safe.
 *
 * <p>This is the check a UI or API shows before saving or approving; the sender repeats the address
 * part for every connection it opens, so DNS changes after the check cannot slip through.
 */
public final class TargetSafety {
    /** Longest accepted URL. */
    public static final int MAX_URL_LENGTH = 2_048;

    private final HostResolver resolver;

    private TargetSafety(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Checks with the system resolver. */
    public static TargetSafety ofDefaults() {
        return new TargetSafety(HostResolver.SYSTEM);
    }

    /**
     * Checks with {@code resolver} instead of the system's: a hook for tests that give targets names
     * no DNS server knows. {@link HostResolver} is internal and may change in any release.
     */
    public static TargetSafety using(HostResolver resolver) {
        return new TargetSafety(Objects.requireNonNull(resolver, "resolver"));
    }

    /** The verdict on {@code target}: secret first, then the URL, then every resolved address. */
    public TargetCheck check(ExportTarget target) {
        Objects.requireNonNull(target, "target");
        if (target.signingEnabled() && target.signingSecrets().isEmpty()) {
            return TargetCheck.secretMissing();
        }
        return checkUrl(target);
    }

    /** The URL part of {@link #check}: syntax, then resolution. Ignores the secret. */
    public TargetCheck checkUrl(ExportTarget target) {
        ParsedUrl url = parse(target.baseUrl());
        if (url.problem() != null) {
            return TargetCheck.urlUnsafe(url.problem());
        }
        AddressGuard guard = AddressGuard.forTarget(target);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(url.host());
        } catch (UnknownHostException e) {
            return TargetCheck.urlUnsafe("base_url host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            return TargetCheck.urlUnsafe("base_url host does not resolve");
        }
        for (InetAddress address : addresses) {
            String reason = guard.rejectionReason(address);
            if (reason != null) {
                return TargetCheck.urlUnsafe("base_url resolves to " + reason);
            }
            if (!url.https() && !guard.isAllowlistedPrivate(address)) {
                return TargetCheck.urlUnsafe(
                        "base_url must use HTTPS (plain HTTP only to allowlisted private addresses)");
            }
        }
        return TargetCheck.passed();
    }

    /** A URL's parts that matter here, or the first problem found. */
    record ParsedUrl(@Nullable String problem, String host, int port, boolean https) {
        static ParsedUrl problem(String problem) {
            return new ParsedUrl(problem, "", -1, false);
        }
    }

    /** Syntax checks that need no network: scheme, user-info, host, port. */
    static ParsedUrl parse(String text) {
        if (text.length() > MAX_URL_LENGTH) {
            return ParsedUrl.problem("base_url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return ParsedUrl.problem("base_url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return ParsedUrl.problem("base_url must use HTTPS");
        }
        if (uri.getRawUserInfo() != null
                || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            return ParsedUrl.problem("base_url must not carry credentials (user-info)");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI leaves the host empty for IDN names and for hosts whose last label starts
            // with a digit (0x7f.0.0.1): take them from the authority and judge them below.
            String authority = uri.getRawAuthority();
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && !authority.startsWith("[")) {
                String digits = authority.substring(colon + 1);
                if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return ParsedUrl.problem("base_url has an invalid port");
                }
                port = Integer.parseInt(digits);
                authority = authority.substring(0, colon);
            }
            host = authority;
        }
        if (host == null || host.isEmpty()) {
            return ParsedUrl.problem("base_url has no valid host");
        }
        if (host.startsWith("[")) {
            if (host.contains("%")) {
                return ParsedUrl.problem("base_url host must not carry an IPv6 zone");
            }
        } else {
            try {
                host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return ParsedUrl.problem("base_url has no valid host");
            }
            if (AddressRules.isOddNumericSpelling(host)) {
                return ParsedUrl.problem("base_url host is a non-canonical numeric address");
            }
        }
        if (port == 0 || port > 65_535) {
            return ParsedUrl.problem("base_url has an invalid port");
        }
        if (uri.getRawAuthority() != null && uri.getRawAuthority().endsWith(":")) {
            return ParsedUrl.problem("base_url has an invalid port");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return new ParsedUrl(null, bare, port, scheme.equals("https"));
    }

    @Override
    public String toString() {
        return "TargetSafety[resolver=" + (resolver == HostResolver.SYSTEM ? "system" : "custom") + "]";
    }

    /**
     * The verdict on a target: {@link #ok()}, or blocked with the documented code, the provider-level
     * code and a message that names what to fix (never a secret).
     *
     * @param code null when the target is usable; else {@link ErrorCode#GENERIC_WEBHOOK_SECRET_MISSING}
     *     or {@link ErrorCode#GENERIC_WEBHOOK_URL_UNSAFE}
     * @param providerCode null when usable; else {@link ErrorCode#PROVIDER_AUTH_REQUIRED} or {@link
     *     ErrorCode#PROVIDER_BASE_URL_BLOCKED}
     * @param message what was found, such as "base_url resolves to a loopback address"
     */
    public record TargetCheck(
            @Nullable ErrorCode code, @Nullable ErrorCode providerCode, String message) {
        private static final TargetCheck OK = new TargetCheck(null, null, "ok");

        public TargetCheck {
            Objects.requireNonNull(message, "message");
        }

        static TargetCheck passed() {
            return OK;
        }

        static TargetCheck secretMissing() {
            return new TargetCheck(
                    ErrorCode.GENERIC_WEBHOOK_SECRET_MISSING,
                    ErrorCode.PROVIDER_AUTH_REQUIRED,
                    "signing is enabled but the target has no signing_secret, webhook_secret or secret credential");
        }

        static TargetCheck urlUnsafe(String message) {
            return new TargetCheck(ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE, ErrorCode.PROVIDER_BASE_URL_BLOCKED, message);
        }

        /** True when the target may receive deliveries. */
        public boolean ok() {
            return code == null;
        }
    }
}
