package com.webriskops.webhooks.sender.target;

import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.protocol.ErrorCode;
import com.webriskops.webhooks.receiver.Violation;
import com.webriskops.webhooks.receiver.internal.PayloadReader;
import com.webriskops.webhooks.sender.DeliveryStatus;
import com.webriskops.webhooks.sender.ExportRequest;
import com.webriskops.webhooks.sender.fallback.PortableExport;
import com.webriskops.webhooks.sender.internal.AddressGuard;
import com.webriskops.webhooks.sender.internal.AddressRules;
import com.webriskops.webhooks.sender.internal.HostResolver;
import com.webriskops.webhooks.sender.outbox.Delivery;
import com.webriskops.webhooks.sender.spi.CredentialProvider;
import com.webriskops.webhooks.sender.spi.CredentialStore;
import com.webriskops.webhooks.sender.spi.DeliveryStore;
import com.webriskops.webhooks.sender.spi.TargetStore;
import com.webriskops.webhooks.sender.spi.TargetStore.StoredTarget;
import com.webriskops.webhooks.sender.spi.TargetStore.TargetLookup;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The last base URL {@link #checkUrl} parsed and what it found: parsing is a pure function of the
     * text, and a sender checks the same few targets before every attempt.
     */
    @Nullable
    private volatile LastParsed lastParsed;

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
        ParsedUrl url = parseRemembered(target.baseUrl());
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

    /** The one answer {@link #checkForCaller} gives for every problem found by resolving the host. */
    static final String UNREACHABLE_FOR_CALLER = "base_url does not lead to an address this target may reach";

    /**
     * {@link #check} for an answer to an API caller (approval, retry): the secret, the checks of {@link
     * #checkUrlWithoutDns}, then the resolved addresses, where every problem (the name does not
     * resolve, or resolves to an address the target may not reach) reads the same, so a caller learns
     * nothing about which internal names exist. The sender repeats the address checks at connect time.
     */
    public TargetCheck checkForCaller(ExportTarget target) {
        Objects.requireNonNull(target, "target");
        if (target.signingEnabled() && target.signingSecrets().isEmpty()) {
            return TargetCheck.secretMissing();
        }
        TargetCheck withoutDns = checkUrlWithoutDns(target);
        if (!withoutDns.ok()) {
            return withoutDns;
        }
        return checkUrl(target).ok() ? TargetCheck.passed() : TargetCheck.urlUnsafe(UNREACHABLE_FOR_CALLER);
    }

    /**
     * The URL checks that need no DNS, for saving a target: the syntax rules of {@link #checkUrl}
     * (HTTPS, no user-info, a valid host and port, no odd numeric spelling), a literal address judged
     * as if connected to (public, or opened by the target's allowlist), no local host name ({@code
     * localhost}, {@code *.localhost}, {@code *.local}, {@code *.internal}, {@code *.localdomain},
     * {@code *.home.arpa}, single-label names), and plain HTTP only for a target whose allowlist is in
     * force. A host name is never resolved, so the answer reads the same whether it resolves or not;
     * the address checks run at approval and at every connection.
     */
    public TargetCheck checkUrlWithoutDns(ExportTarget target) {
        Objects.requireNonNull(target, "target");
        ParsedUrl url = parse(target.baseUrl());
        if (url.problem() != null) {
            return TargetCheck.urlUnsafe(url.problem());
        }
        byte[] literal = AddressRules.parseLiteral(url.host());
        if (literal != null) {
            InetAddress address;
            try {
                address = InetAddress.getByAddress(literal);
            } catch (UnknownHostException e) {
                return TargetCheck.urlUnsafe("base_url has no valid host");
            }
            String reason = AddressGuard.forConnectionsTo(target).rejectionReason(address);
            return reason == null ? TargetCheck.passed() : TargetCheck.urlUnsafe("base_url is " + reason);
        }
        if (isLocalName(url.host())) {
            return TargetCheck.urlUnsafe("base_url names a local host");
        }
        if (!url.https()
                && !(target.allowsPrivateNetwork()
                        && !target.privateNetworkAllowlist().isEmpty())) {
            return TargetCheck.urlUnsafe("base_url must use HTTPS (plain HTTP only to allowlisted private addresses)");
        }
        return TargetCheck.passed();
    }

    private static final List<String> LOCAL_SUFFIXES =
            List.of(".localhost", ".local", ".internal", ".localdomain", ".home.arpa", ".lan", ".intranet");

    /** True for names that only mean something inside a network: localhost, mDNS, single labels. */
    static boolean isLocalName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.equals("localhost") || name.indexOf('.') < 0) {
            return true;
        }
        for (String suffix : LOCAL_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** A URL's parts that matter here, or the first problem found. */
    record ParsedUrl(@Nullable String problem, String host, int port, boolean https) {
        static ParsedUrl problem(String problem) {
            return new ParsedUrl(problem, "", -1, false);
        }
    }

    /** A base URL and what {@link #parse} found in it. */
    private record LastParsed(String text, ParsedUrl url) {}

    /** {@link #parse}, answered from {@link #lastParsed} when the text is the one parsed last. */
    private ParsedUrl parseRemembered(String text) {
        LastParsed last = lastParsed;
        if (last != null && last.text().equals(text)) {
            return last.url();
        }
        ParsedUrl url = parse(text);
        lastParsed = new LastParsed(text, url);
        return url;
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

    /**
     * The rules of the ticket-export API, decided once here so that an HTTP adapter only translates:
     * for callers' target requests, {@link CreateTarget} and {@link SetCredential} records validated
     * with Bean Validation, the no-DNS URL checks of {@link #checkUrlWithoutDns}, and private networks
     * opened only where the application allows; for exports, the approve, status, retry and fallback
     * rules of {@link Exports} (see {@link #exports}). Every violation of a request is listed in one
     * {@link Verdict}. A create stores the target and its signing secrets as one unit ({@link
     * TargetStore#create(String, ExportTarget, java.time.Instant, java.util.function.Consumer)}: one
     * transaction on a database store), so a failure leaves no half-created target.
     *
     * <p>Private networks: by default API callers cannot open any ({@code private_network_policy}
     * {@code allowlist} or a {@code private_network_allowlist} is a 422). The application may let them
     * open ranges inside those it lists with {@link Builder#allowPrivateNetworks}; loopback ({@code
     * 127.0.0.0/8}, {@code ::1}), link-local ({@code 169.254.0.0/16}, {@code fe80::/10}) and cloud
     * metadata addresses ({@code 169.254.169.254}, {@code fd00:ec2::254}, ...) are never opened through
     * the API, whatever the application lists: an application that needs such a target creates it
     * itself through its {@link TargetStore}.
     *
     * <p>Immutable and thread-safe.
     */
    public static final class ApiRules {
        private static final List<Cidr> NEVER_OPEN = neverOpen();
        // checkUrlWithoutDns never resolves: the resolver is never asked.
        private static final TargetSafety NO_DNS = new TargetSafety(HostResolver.SYSTEM);

        private final TargetStore targets;
        private final CredentialProvider credentials;
        private final List<Cidr> privateRanges;
        private final Clock clock;

        private ApiRules(Builder builder) {
            this.targets = builder.targets;
            this.credentials = builder.credentials;
            this.privateRanges = List.copyOf(builder.privateRanges);
            this.clock = builder.clock;
        }

        private static List<Cidr> neverOpen() {
            List<Cidr> ranges = new ArrayList<>(List.of(
                    Cidr.parse("127.0.0.0/8"),
                    Cidr.parse("::1/128"),
                    Cidr.parse("169.254.0.0/16"),
                    Cidr.parse("fe80::/10")));
            ranges.addAll(AddressRules.metadataHosts());
            return List.copyOf(ranges);
        }

        /** A new builder. */
        public static Builder builder() {
            return new Builder();
        }

        /** The private ranges callers may open, as the application listed them. */
        public List<Cidr> privateRanges() {
            return privateRanges;
        }

        /** True when the API writes signing secrets (the credentials are a {@link CredentialStore}). */
        public boolean holdsSecrets() {
            return credentials instanceof CredentialStore;
        }

        /** Every violation of {@code request}, without storing anything; {@link Verdict#ok()} when there is none. */
        public Verdict check(CreateTarget request) {
            return prepare(request).verdict;
        }

        /**
         * Checks {@code request} and, when it passes, stores the target for {@code owner} with its
         * signing secrets in one unit.
         *
         * @throws com.webriskops.webhooks.store.StoreException if the target or its secrets could not
         *     be written (then nothing stays stored)
         */
        public Created create(String owner, CreateTarget request) {
            TargetStore.checkOwner(owner);
            Prepared prepared = prepare(request);
            if (!prepared.verdict.ok()) {
                return new Created(null, prepared.verdict);
            }
            List<WebhookSecret> secrets = prepared.secrets;
            StoredTarget stored = targets.create(owner, prepared.target, clock.instant(), created -> {
                if (!secrets.isEmpty()) {
                    ((CredentialStore) credentials).setSigningSecrets(created.id(), secrets);
                }
            });
            return new Created(stored, Verdict.OK);
        }

        /**
         * Replaces the signing secrets of {@code owner}'s target {@code targetId}: {@link Verdict#ok()}
         * when done; 404 {@code NOT_FOUND} when there is no such target of this owner; 409 {@code
         * CREDENTIALS_MANAGED_ELSEWHERE} when the application holds the secrets; 422 with the
         * violations.
         *
         * @throws com.webriskops.webhooks.store.StoreException if the secrets could not be written
         */
        public Verdict setCredential(String owner, long targetId, SetCredential request) {
            Objects.requireNonNull(request, "request");
            if (targets.find(owner, targetId) == null) {
                return Verdict.notFound("no such target");
            }
            if (!(credentials instanceof CredentialStore store)) {
                return Verdict.managedElsewhere();
            }
            List<Violation> violations =
                    new ArrayList<>(secretField(PayloadReader.validate(request), request.signingSecrets()));
            if (!violations.isEmpty()) {
                return Verdict.invalid(violations);
            }
            store.setSigningSecrets(
                    targetId,
                    request.signingSecrets().stream().map(WebhookSecret::of).toList());
            return Verdict.OK;
        }

        /**
         * The rules of the API's export calls over these rules' targets, credentials and clock.
         *
         * @param deliveries where approved exports are enqueued (the store a dispatcher drains)
         * @param safety the checks a target passes before approval and retry ({@link
         *     TargetSafety#checkForCaller})
         * @param prepared the exports the application prepared for approval
         */
        public Exports exports(DeliveryStore deliveries, TargetSafety safety, PreparedLookup prepared) {
            return new Exports(this, deliveries, safety, prepared);
        }

        private record Prepared(Verdict verdict, ExportTarget target, List<WebhookSecret> secrets) {}

        private Prepared prepare(CreateTarget request) {
            Objects.requireNonNull(request, "request");
            List<Violation> violations =
                    new ArrayList<>(secretField(PayloadReader.validate(request), request.signingSecrets()));
            ExportTarget.Builder builder = ExportTarget.builder();
            if (request.providerKey() != null && !failed(violations, "provider_key")) {
                for (ProviderKey key : ProviderKey.values()) {
                    if (key.wireName().equals(request.providerKey())) {
                        builder.providerKey(key);
                    }
                }
            }
            DeploymentMode mode = DeploymentMode.CLOUD;
            if (request.deploymentMode() != null && !failed(violations, "deployment_mode")) {
                mode = DeploymentMode.fromWireName(request.deploymentMode());
            }
            builder.deploymentMode(mode);
            PrivateNetworkPolicy policy = PrivateNetworkPolicy.BLOCK;
            if (request.privateNetworkPolicy() != null && !failed(violations, "private_network_policy")) {
                policy = PrivateNetworkPolicy.fromWireName(request.privateNetworkPolicy());
            }
            builder.privateNetworkPolicy(policy);
            builder.name(
                    request.name() == null || request.name().isBlank()
                            ? null
                            : request.name().strip());
            builder.signingEnabled(request.signingEnabled() == null || request.signingEnabled());
            builder.privateNetworkAllowlist(allowlist(request, mode, policy, violations));
            boolean urlUnsafe = false;
            String urlMessage = "";
            if (request.baseUrl() != null && !failed(violations, "base_url")) {
                builder.baseUrl(request.baseUrl().strip());
                ExportTarget target = builder.build();
                TargetCheck check = NO_DNS.checkUrlWithoutDns(target);
                if (!check.ok()) {
                    urlUnsafe = true;
                    urlMessage = check.message();
                    violations.add(0, new Violation("base_url", check.message()));
                }
            } else {
                // The request is refused (base_url's violation is listed): a placeholder completes the
                // never-stored target.
                builder.baseUrl("https://invalid.invalid/");
            }
            List<WebhookSecret> secrets = request.signingSecrets() == null || failed(violations, "signing_secret")
                    ? List.of()
                    : request.signingSecrets().stream().map(WebhookSecret::of).toList();
            Verdict verdict;
            if (urlUnsafe) {
                verdict = new Verdict(
                        422,
                        ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE,
                        ErrorCode.PROVIDER_BASE_URL_BLOCKED,
                        violations.size() == 1 ? urlMessage : urlMessage + "; and " + (violations.size() - 1) + " more",
                        violations);
            } else if (!violations.isEmpty()) {
                verdict = Verdict.invalid(violations);
            } else if (!secrets.isEmpty() && !holdsSecrets()) {
                verdict = Verdict.managedElsewhere();
            } else {
                verdict = Verdict.OK;
            }
            return new Prepared(verdict, builder.build(), secrets);
        }

        private List<Cidr> allowlist(
                CreateTarget request, DeploymentMode mode, PrivateNetworkPolicy policy, List<Violation> violations) {
            List<String> texts =
                    request.privateNetworkAllowlist() == null ? List.of() : request.privateNetworkAllowlist();
            if (policy != PrivateNetworkPolicy.ALLOWLIST && texts.isEmpty()) {
                return List.of();
            }
            if (privateRanges.isEmpty()) {
                violations.add(
                        new Violation(
                                texts.isEmpty() ? "private_network_policy" : "private_network_allowlist",
                                "private networks are not open to API callers here; the application creates such targets itself"));
                return List.of();
            }
            if (policy == PrivateNetworkPolicy.ALLOWLIST && mode != DeploymentMode.SELF_HOSTED) {
                violations.add(new Violation("private_network_policy", "allowlist needs deployment_mode self-hosted"));
            }
            if (failed(violations, "private_network_allowlist")) {
                return List.of();
            }
            List<Cidr> cidrs = new ArrayList<>();
            int before = violations.size();
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                Cidr cidr;
                try {
                    cidr = Cidr.parse(text);
                } catch (IllegalArgumentException e) {
                    // The reason quotes the entry: only short entries are echoed.
                    violations.add(new Violation(
                            "private_network_allowlist",
                            "entry " + (i + 1) + " is not a canonical CIDR such as 10.20.0.0/16"
                                    + (text.length() <= 64 ? ": " + e.getMessage() : "")));
                    continue;
                }
                if (NEVER_OPEN.stream().anyMatch(never -> cidr.within(never) || never.within(cidr))) {
                    violations.add(
                            new Violation(
                                    "private_network_allowlist",
                                    "entry " + (i + 1)
                                            + " reaches loopback, link-local or cloud metadata addresses, which the API never opens"));
                } else if (privateRanges.stream().noneMatch(cidr::within)) {
                    violations.add(new Violation(
                            "private_network_allowlist",
                            "entry " + (i + 1) + " is outside the private ranges this application lets callers open"));
                } else {
                    cidrs.add(cidr);
                }
            }
            return violations.size() == before ? cidrs : List.of();
        }

        private static boolean failed(List<Violation> violations, String field) {
            for (Violation violation : violations) {
                if (violation.field().equals(field) || violation.field().startsWith(field + "[")) {
                    return true;
                }
            }
            return false;
        }

        /** Bean Validation names the list {@code signing_secrets}; one secret was given as {@code signing_secret}. */
        private static List<Violation> secretField(List<Violation> violations, @Nullable List<String> secrets) {
            if (secrets == null || secrets.size() != 1) {
                return violations;
            }
            return violations.stream()
                    .map(v ->
                            v.field().startsWith("signing_secrets") ? new Violation("signing_secret", v.message()) : v)
                    .toList();
        }

        @Override
        public String toString() {
            return "ApiRules[privateRanges=" + privateRanges + ", " + targets + "]";
        }

        /**
         * Builds {@link ApiRules}. Not thread-safe; {@link #build()} freezes a copy.
         */
        public static final class Builder {
            private TargetStore targets;
            private CredentialProvider credentials;
            private final List<Cidr> privateRanges = new ArrayList<>();
            private Clock clock = Clock.systemUTC();

            private Builder() {}

            /** Where targets are created (required). */
            public Builder targetStore(TargetStore targets) {
                this.targets = Objects.requireNonNull(targets, "targets");
                return this;
            }

            /**
             * Where signing secrets go (required): when it is a {@link CredentialStore}, creates and
             * credential calls write to it; otherwise a request carrying a secret gets 409 {@code
             * CREDENTIALS_MANAGED_ELSEWHERE}.
             */
            public Builder credentials(CredentialProvider credentials) {
                this.credentials = Objects.requireNonNull(credentials, "credentials");
                return this;
            }

            /**
             * Lets callers create self-hosted targets whose {@code private_network_allowlist} entries
             * lie inside these ranges (replacing earlier ones). Entries reaching loopback, link-local or
             * cloud metadata addresses are refused even when a range here covers them. Default: none.
             */
            public Builder allowPrivateNetworks(List<Cidr> ranges) {
                privateRanges.clear();
                ranges.forEach(range -> privateRanges.add(Objects.requireNonNull(range, "range")));
                return this;
            }

            /** The clock of creation times. Default the system UTC clock. */
            public Builder clock(Clock clock) {
                this.clock = Objects.requireNonNull(clock, "clock");
                return this;
            }

            /**
             * The rules.
             *
             * @throws IllegalStateException if the target store or the credentials are missing
             */
            public ApiRules build() {
                if (targets == null) {
                    throw new IllegalStateException("targetStore is required");
                }
                if (credentials == null) {
                    throw new IllegalStateException("credentials is required");
                }
                return new ApiRules(this);
            }
        }

        /**
         * A create-target request as a caller wrote it, member for member ({@code provider_key}, ...);
         * one signing secret is a list of one. {@link #toString()} never shows a secret.
         *
         * @param providerKey required: generic_webhook, webhook, zapier_webhook, make_webhook or n8n_webhook
         * @param baseUrl required, at most {@value TargetSafety#MAX_URL_LENGTH} characters
         * @param deploymentMode cloud (default), self-hosted or webhook-only
         * @param name optional display name, at most 200 characters
         * @param privateNetworkPolicy block (default) or allowlist
         * @param privateNetworkAllowlist CIDR texts, at most 32
         * @param signingEnabled default true
         * @param signingSecrets at most 4 secrets of 16 to 1024 characters, newest first; optional
         */
        public record CreateTarget(
                @NotNull(message = "is required")
                @Pattern(regexp = PROVIDER_KEYS, message = "must be one of " + PROVIDER_KEYS_TEXT)
                String providerKey,

                @NotBlank(message = "is required")
                @Size(max = MAX_URL_LENGTH, message = "must be at most {max} characters")
                String baseUrl,

                @Nullable
                @Pattern(
                        regexp = "cloud|self-hosted|webhook-only",
                        message = "must be cloud, self-hosted or webhook-only")
                String deploymentMode,

                @Nullable @Size(max = 200, message = "must be at most {max} characters")
                String name,

                @Nullable @Pattern(regexp = "block|allowlist", message = "must be block or allowlist")
                String privateNetworkPolicy,

                @Nullable @Size(max = 32, message = "must hold at most {max} entries")
                List<
                                @NotBlank(message = "must be a CIDR such as 10.20.0.0/16")
                                @Size(max = 64, message = "must be at most {max} characters") String>
                        privateNetworkAllowlist,

                @Nullable Boolean signingEnabled,

                @Nullable @Size(max = 4, message = "must hold at most {max} secrets")
                List<
                                @NotBlank(message = "must not be blank")
                                @Size(min = 16, max = 1024, message = "must be {min} to {max} characters") String>
                        signingSecrets) {

            @Override
            public String toString() {
                return "CreateTarget[providerKey=" + providerKey + ", baseUrl=" + baseUrl + ", deploymentMode="
                        + deploymentMode + ", name=" + name + ", privateNetworkPolicy=" + privateNetworkPolicy
                        + ", privateNetworkAllowlist=" + privateNetworkAllowlist + ", signingEnabled=" + signingEnabled
                        + ", signingSecrets=" + (signingSecrets == null ? "none" : signingSecrets.size() + " hidden")
                        + "]";
            }
        }

        /**
         * A set-credential request: the target's signing secrets, newest first (several during a
         * rotation). {@link #toString()} never shows a secret.
         */
        public record SetCredential(
                @NotEmpty(message = "is required") @Size(max = 4, message = "must hold at most {max} secrets")
                List<
                                @NotBlank(message = "must not be blank")
                                @Size(min = 16, max = 1024, message = "must be {min} to {max} characters") String>
                        signingSecrets) {

            @Override
            public String toString() {
                return "SetCredential[" + (signingSecrets == null ? 0 : signingSecrets.size()) + " hidden]";
            }
        }

        static final String PROVIDER_KEYS = "generic_webhook|webhook|zapier_webhook|make_webhook|n8n_webhook";
        static final String PROVIDER_KEYS_TEXT = "generic_webhook, webhook, zapier_webhook, make_webhook, n8n_webhook";

        /**
         * Where the export rules find the exports an application prepared for approval (a report finding
         * or fix task rendered as a ticket). The returned export's idempotency key identifies its
         * delivery: it must be the same on every call for one export id, and unique across owners.
         * Implementations must be thread-safe.
         */
        @FunctionalInterface
        public interface PreparedLookup {
            /**
             * The prepared export with this id when {@code owner} may approve it, or null when there is
             * none or it belongs to another owner.
             *
             * @throws com.webriskops.webhooks.store.StoreException if it could not be looked up
             */
            @Nullable
            ExportRequest find(String owner, String exportId);
        }

        /**
         * The rules of the API's export calls: approve a prepared export for a target, read its state,
         * retry it, and render its portable fallback. Each call belongs to an owner: it sees only the
         * exports the {@link PreparedLookup} gives that owner and only deliveries that owner approved;
         * another owner's export answers 404 {@code NOT_FOUND} exactly like an unknown one. Answers are
         * a {@link Verdict} (status, code, detail) beside what the call found; they never hold a secret.
         * Created by {@link ApiRules#exports}. Immutable and thread-safe.
         */
        public static final class Exports {
            /** Longest export id; ids are 1 to this many characters of {@code A-Z a-z 0-9 _ . -}. */
            public static final int MAX_EXPORT_ID_LENGTH = 128;

            private static final java.util.regex.Pattern EXPORT_ID =
                    java.util.regex.Pattern.compile("[A-Za-z0-9_.\\-]{1," + MAX_EXPORT_ID_LENGTH + "}");
            private static final String NO_EXPORT = "no prepared export with this id";
            private static final String NOT_APPROVED = "the export has not been approved yet";
            private static final String NO_ACTIVE_TARGET = "no active target has this id";

            private final ApiRules rules;
            private final DeliveryStore deliveries;
            private final TargetSafety safety;
            private final PreparedLookup prepared;
            private final TargetLookup lookup;

            private Exports(ApiRules rules, DeliveryStore deliveries, TargetSafety safety, PreparedLookup prepared) {
                this.rules = rules;
                this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
                this.safety = Objects.requireNonNull(safety, "safety");
                this.prepared = Objects.requireNonNull(prepared, "prepared");
                this.lookup = rules.targets.lookup(rules.credentials);
            }

            /**
             * {@link Verdict#ok()} when {@code owner} has a prepared export with this id; else 404 {@code
             * NOT_FOUND}, the answer every call gives first for an unknown or another owner's export (an
             * adapter that reads a request body may ask this before reading it).
             *
             * @param owner the calling owner; null (a call without one) sees no export
             */
            public Verdict checkPrepared(@Nullable String owner, String exportId) {
                return find(owner, exportId) == null ? Verdict.notFound(NO_EXPORT) : Verdict.OK;
            }

            /**
             * Approves {@code owner}'s prepared export for the owner's active target: checks the target
             * ({@link TargetSafety#checkForCaller}) and the payload, then enqueues the delivery. Answers
             * 202 with the delivery ({@link ExportState#enqueued()} on the first approval); approving again
             * for the same target answers 202 with the current delivery. Refusals: 404 {@code NOT_FOUND}
             * (no such export of this owner, or another owner approved it); 422 {@code VALIDATION_FAILED}
             * ({@code target_id} missing, or no active target of this owner); 422 with the target's
             * blocking code and its {@code provider_code}; 422 {@code webhook_payload_unsafe}; 409 {@code
             * EXPORT_ALREADY_APPROVED} (approved for another target).
             *
             * @param owner the calling owner; null (a call without one) sees no export
             * @throws com.webriskops.webhooks.store.StoreException if a store could not be read or written
             */
            public ExportState approve(@Nullable String owner, Approve request) {
                Objects.requireNonNull(request, "request");
                ExportRequest export = find(owner, request.exportId());
                Verdict readable = readable(export, request);
                if (!readable.ok()) {
                    return ExportState.refused(readable);
                }
                long targetId = request.targetId();
                StoredTarget stored = rules.targets.find(owner, targetId);
                ExportTarget target = stored == null || !stored.active() ? null : lookup.find(targetId);
                if (target == null) {
                    return ExportState.refused(Verdict.invalid("target_id", NO_ACTIVE_TARGET));
                }
                TargetCheck check = safety.checkForCaller(target);
                if (!check.ok()) {
                    return ExportState.refused(Verdict.blocked(check));
                }
                PayloadFinding finding = PortableExport.of(
                                targetId, target.providerKey(), export, target.signingSecrets())
                        .finding();
                if (finding != null) {
                    return ExportState.refused(Verdict.payloadUnsafe(finding));
                }
                Delivery existing = deliveries.findByIdempotencyKey(export.idempotencyKey());
                if (existing != null && !owner.equals(deliveries.ownerOf(existing.id()))) {
                    return ExportState.refused(Verdict.notFound(NO_EXPORT));
                }
                if (existing != null && existing.targetId() != targetId) {
                    return ExportState.refused(Verdict.conflict(
                            ErrorCode.EXPORT_ALREADY_APPROVED, "this export was already approved for another target"));
                }
                if (existing != null) {
                    return new ExportState(existing, Verdict.ACCEPTED, false);
                }
                Delivery delivery = deliveries.enqueue(owner, target, export, rules.clock.instant());
                if (delivery == null) {
                    // Another owner's delivery took the key meanwhile.
                    return ExportState.refused(Verdict.notFound(NO_EXPORT));
                }
                return new ExportState(delivery, Verdict.ACCEPTED, true);
            }

            /**
             * The delivery of {@code owner}'s approved export, 200; 404 {@code NOT_FOUND} when there is no
             * such export of this owner or it has not been approved by this owner.
             *
             * @param owner the calling owner; null (a call without one) sees no export
             * @throws com.webriskops.webhooks.store.StoreException if a store could not be read
             */
            public ExportState status(@Nullable String owner, String exportId) {
                ExportRequest export = find(owner, exportId);
                if (export == null) {
                    return ExportState.refused(Verdict.notFound(NO_EXPORT));
                }
                Delivery delivery = deliveries.findByIdempotencyKey(owner, export.idempotencyKey());
                if (delivery == null) {
                    return ExportState.refused(Verdict.notFound(NOT_APPROVED));
                }
                return new ExportState(delivery, Verdict.OK, false);
            }

            /**
             * Sends a {@code blocked} or {@code failed} export of {@code owner} again after its cause was
             * fixed: the target is checked again, then the delivery is queued, 202 with it. Refusals: 404
             * {@code NOT_FOUND} as for {@link #status}; 409 {@code EXPORT_NOT_RETRYABLE} in any other state
             * (or when it changed state meanwhile); 422 {@code VALIDATION_FAILED} when its target was
             * disabled or deleted; 422 with the blocking code when the target is still unsafe.
             *
             * @param owner the calling owner; null (a call without one) sees no export
             * @throws com.webriskops.webhooks.store.StoreException if a store could not be read or written
             */
            public ExportState retry(@Nullable String owner, String exportId) {
                ExportState current = status(owner, exportId);
                Delivery delivery = current.delivery();
                if (delivery == null) {
                    return current;
                }
                if (delivery.status() != DeliveryStatus.BLOCKED && delivery.status() != DeliveryStatus.FAILED) {
                    return ExportState.refused(Verdict.conflict(
                            ErrorCode.EXPORT_NOT_RETRYABLE,
                            "only a blocked or failed export can be retried; it is "
                                    + delivery.status().wireName()));
                }
                ExportTarget target = lookup.find(delivery.targetId());
                if (target == null) {
                    return ExportState.refused(Verdict.invalid(
                            "target_id", "the export's target was disabled or deleted; approve it again"));
                }
                TargetCheck check = safety.checkForCaller(target);
                if (!check.ok()) {
                    return ExportState.refused(Verdict.blocked(check));
                }
                if (!deliveries.retryOnRequest(delivery.id(), rules.clock.instant())) {
                    return ExportState.refused(Verdict.conflict(
                            ErrorCode.EXPORT_NOT_RETRYABLE, "the export changed state meanwhile; read it again"));
                }
                Delivery now = deliveries.find(delivery.id());
                return new ExportState(now == null ? delivery : now, Verdict.ACCEPTED, true);
            }

            /**
             * {@code owner}'s export as a portable fallback file, 200: for the target it was approved for,
             * or, before approval, for the owner's target {@link Fallback#targetId()} (active or disabled).
             * Refusals: 404 {@code NOT_FOUND} (no such export of this owner; another owner approved it; not
             * approved and no {@code target_id}; no such target of this owner); 422 {@code
             * VALIDATION_FAILED} for an unknown format; 422 {@code webhook_payload_unsafe} when the export
             * carries a secret, a token or a private path.
             *
             * @param owner the calling owner; null (a call without one) sees no export
             * @throws com.webriskops.webhooks.store.StoreException if a store could not be read
             */
            public FallbackFile fallback(@Nullable String owner, Fallback request) {
                Objects.requireNonNull(request, "request");
                ExportRequest export = find(owner, request.exportId());
                Verdict readable = readable(export, request);
                if (!readable.ok()) {
                    return FallbackFile.refused(readable);
                }
                PortableExport.Format format = request.format() == null
                        ? PortableExport.Format.JSON
                        : PortableExport.Format.named(request.format());
                if (format == null) {
                    return FallbackFile.refused(Verdict.invalid("format", "must be csv, md or json"));
                }
                Delivery delivery = deliveries.findByIdempotencyKey(export.idempotencyKey());
                if (delivery != null && !owner.equals(deliveries.ownerOf(delivery.id()))) {
                    return FallbackFile.refused(Verdict.notFound(NO_EXPORT));
                }
                Long targetId = delivery != null ? Long.valueOf(delivery.targetId()) : request.targetId();
                if (targetId == null) {
                    return FallbackFile.refused(Verdict.notFound(NOT_APPROVED + "; give target_id"));
                }
                StoredTarget stored = rules.targets.find(owner, targetId);
                if (stored == null) {
                    return FallbackFile.refused(Verdict.notFound("the export's target no longer exists"));
                }
                PortableExport fallback = PortableExport.of(
                        targetId,
                        stored.target().providerKey(),
                        delivery != null ? delivery.export() : export,
                        rules.credentials.signingSecrets(targetId));
                if (fallback.finding() != null) {
                    return FallbackFile.refused(Verdict.payloadUnsafe(fallback.finding()));
                }
                return new FallbackFile(
                        fallback.render(format),
                        format.mediaType(),
                        "ticket-export-" + request.exportId() + "." + format.extension(),
                        Verdict.OK);
            }

            /** 404 when there is no such export of the caller, else 422 with the request's violations, if any. */
            private static Verdict readable(@Nullable ExportRequest export, Object request) {
                if (export == null) {
                    return Verdict.notFound(NO_EXPORT);
                }
                List<Violation> violations = PayloadReader.validate(request);
                return violations.isEmpty() ? Verdict.OK : Verdict.invalid(violations);
            }

            @Nullable
            private ExportRequest find(@Nullable String owner, String exportId) {
                Objects.requireNonNull(exportId, "exportId");
                return owner != null && EXPORT_ID.matcher(exportId).matches() ? prepared.find(owner, exportId) : null;
            }

            @Override
            public String toString() {
                return "ApiRules.Exports[" + rules.targets + ", " + deliveries + "]";
            }
        }

        /**
         * An approval: the export (by its id in the API) and the owner's target to send it to.
         *
         * @param exportId the export's id, as the caller gave it
         * @param targetId the id of an active target of the caller; null when the caller gave none (or
         *     nothing that reads as an id)
         */
        public record Approve(
                String exportId,

                @NotNull(message = "is required: the id of an active target")
                Long targetId) {
            /**
             * @throws NullPointerException if {@code exportId} is null
             */
            public Approve {
                Objects.requireNonNull(exportId, "exportId");
            }
        }

        /**
         * A fallback download: the export, the format, and before approval the target whose provider
         * and secrets the rendering is for.
         *
         * @param exportId the export's id, as the caller gave it
         * @param format {@code csv}, {@code md} (or {@code markdown}) or {@code json}, as {@link
         *     PortableExport.Format#named} reads them (else 422 on {@code format}); null means json
         * @param targetId before approval, the id of a target of the caller; null when none was given (or
         *     nothing that reads as an id); ignored once the export is approved
         */
        public record Fallback(
                String exportId,

                @Nullable String format,

                @Nullable Long targetId) {
            /**
             * @throws NullPointerException if {@code exportId} is null
             */
            public Fallback {
                Objects.requireNonNull(exportId, "exportId");
            }
        }

        /**
         * What an export call found or left behind: the export's delivery, or null with the verdict that
         * refused the call.
         *
         * @param delivery the delivery when {@link Verdict#ok()} (its status view is the answer)
         * @param verdict 200 ({@link Exports#status}) or 202 ({@link Exports#approve}, {@link
         *     Exports#retry}) when ok; else the refusal
         * @param enqueued true when this call queued the delivery (a first approval or a retry), so the
         *     dispatcher has work
         */
        public record ExportState(@Nullable Delivery delivery, Verdict verdict, boolean enqueued) {
            public ExportState {
                Objects.requireNonNull(verdict, "verdict");
            }

            static ExportState refused(Verdict verdict) {
                return new ExportState(null, verdict, false);
            }
        }

        /**
         * A portable fallback to download, or the verdict that refused it.
         *
         * @param body the rendering when {@link Verdict#ok()}, else empty
         * @param mediaType its media type ({@code text/csv; charset=utf-8}, {@code text/markdown;
         *     charset=utf-8} or {@code application/json}); empty when refused
         * @param filename {@code ticket-export-<export id>.csv}, {@code .md} or {@code .json}; empty when
         *     refused
         * @param verdict 200 when ok; else the refusal
         */
        public record FallbackFile(byte[] body, String mediaType, String filename, Verdict verdict) {
            public FallbackFile {
                Objects.requireNonNull(body, "body");
                Objects.requireNonNull(mediaType, "mediaType");
                Objects.requireNonNull(filename, "filename");
                Objects.requireNonNull(verdict, "verdict");
            }

            static FallbackFile refused(Verdict verdict) {
                return new FallbackFile(new byte[0], "", "", verdict);
            }

            @Override
            public String toString() {
                return "FallbackFile[" + body.length + " bytes, " + mediaType + ", " + filename + ", " + verdict + "]";
            }
        }

        /**
         * What a create left behind: the stored target, or null with the verdict that refused it.
         *
         * @param target the stored target when {@link Verdict#ok()}
         * @param verdict why the request was refused, or {@link Verdict#ok()}
         */
        public record Created(@Nullable StoredTarget target, Verdict verdict) {
            public Created {
                Objects.requireNonNull(verdict, "verdict");
            }
        }

        /**
         * The answer to a request: ok, or refused with an HTTP status, the documented code, the
         * provider-level code beside a blocking code, a detail and every violation found. Never holds a
         * secret.
         *
         * @param status 200 when ok (202 for an accepted approval or retry); else 404, 409 or 422
         * @param code null when ok; else {@code VALIDATION_FAILED}, {@code generic_webhook_url_unsafe},
         *     {@code NOT_FOUND} or {@code CREDENTIALS_MANAGED_ELSEWHERE}; for the export calls also {@code
         *     generic_webhook_secret_missing}, {@code webhook_payload_unsafe}, {@code
         *     EXPORT_ALREADY_APPROVED} or {@code EXPORT_NOT_RETRYABLE}
         * @param providerCode the provider-level code beside a target's blocking code ({@code
         *     PROVIDER_BASE_URL_BLOCKED}, {@code PROVIDER_AUTH_REQUIRED}), else null
         * @param detail a sentence for people
         * @param violations every violation found, the base_url's first
         */
        public record Verdict(
                int status,
                @Nullable ErrorCode code,
                @Nullable ErrorCode providerCode,
                String detail,
                List<Violation> violations) {
            static final Verdict OK = new Verdict(200, null, null, "ok", List.of());
            static final Verdict ACCEPTED = new Verdict(202, null, null, "accepted", List.of());

            public Verdict {
                Objects.requireNonNull(detail, "detail");
                violations = List.copyOf(violations);
            }

            static Verdict invalid(List<Violation> violations) {
                return new Verdict(
                        422, ErrorCode.VALIDATION_FAILED, null, "the request has invalid fields", violations);
            }

            static Verdict invalid(String field, String message) {
                return invalid(List.of(new Violation(field, message)));
            }

            static Verdict conflict(ErrorCode code, String detail) {
                return new Verdict(409, code, null, detail, List.of());
            }

            /** 422 with the target's blocking code and its provider code. */
            static Verdict blocked(TargetCheck check) {
                return new Verdict(422, check.code(), check.providerCode(), check.message(), List.of());
            }

            static Verdict payloadUnsafe(PayloadFinding finding) {
                return new Verdict(422, ErrorCode.WEBHOOK_PAYLOAD_UNSAFE, null, finding.message(), List.of());
            }

            static Verdict notFound(String detail) {
                return new Verdict(404, ErrorCode.NOT_FOUND, null, detail, List.of());
            }

            static Verdict managedElsewhere() {
                return new Verdict(
                        409,
                        ErrorCode.CREDENTIALS_MANAGED_ELSEWHERE,
                        null,
                        "signing secrets of this API are set by the application, not through it",
                        List.of());
            }

            /** True when the request passed. */
            public boolean ok() {
                return code == null;
            }

            /**
             * This verdict with {@code more} violations (found while reading the request, such as a member
             * of the wrong JSON type) listed too: a 422 either way, keeping a blocking code.
             */
            public Verdict plus(List<Violation> more) {
                if (more.isEmpty()) {
                    return this;
                }
                List<Violation> all = new ArrayList<>(violations);
                all.addAll(more);
                if (code == ErrorCode.GENERIC_WEBHOOK_URL_UNSAFE) {
                    return new Verdict(422, code, providerCode, detail, all);
                }
                return invalid(status == 422 ? all : more);
            }
        }
    }
}
