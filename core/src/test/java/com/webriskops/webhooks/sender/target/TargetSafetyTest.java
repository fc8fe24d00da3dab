package com.webriskops.webhooks.sender.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.webriskops.webhooks.sender.internal.HostResolver;
import com.webriskops.webhooks.sender.target.ExportTarget.DeploymentMode;
import com.webriskops.webhooks.sender.target.ExportTarget.PrivateNetworkPolicy;
import com.webriskops.webhooks.sender.target.TargetSafety.TargetCheck;
import com.webriskops.webhooks.signing.WebhookSecret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The URL-safety table: every class of address, numeric spelling, IPv6 form and URL shape. */
class TargetSafetyTest {
    private static final WebhookSecret SECRET = WebhookSecret.of("target-secret");

    /** Names resolve from this table; numeric hosts resolve to themselves, never through DNS. */
    private static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "v6.example.com", List.of("2606:4700:4700::1111"),
            "localhost", List.of("127.0.0.1", "::1"),
            "internal.corp.example", List.of("10.20.30.40"),
            "metadata.google.internal", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.216.34", "10.0.0.1"),
            "xn--bcher-kva.example", List.of("93.184.216.35"));

    static final HostResolver RESOLVER = host -> {
        List<String> answers = DNS.get(host);
        if (answers == null) {
            if (host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[answers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = InetAddress.getByName(answers.get(i));
        }
        return out;
    };

    private static final TargetSafety SAFETY = TargetSafety.using(RESOLVER);

    /**
     * One row: a URL, the target's network settings, and the expected verdict (null = ok, else a
     * fragment of the message).
     */
    record Case(String url, DeploymentMode mode, PrivateNetworkPolicy policy, List<String> allowlist, String blocked) {
        @Override
        public String toString() {
            return url + " [" + mode.wireName() + ", " + policy.wireName() + " " + allowlist + "] -> "
                    + (blocked == null ? "ok" : blocked);
        }
    }

    static Case cloud(String url, String blocked) {
        return new Case(url, DeploymentMode.CLOUD, PrivateNetworkPolicy.BLOCK, List.of(), blocked);
    }

    static Case selfHosted(String url, List<String> allowlist, String blocked) {
        return new Case(url, DeploymentMode.SELF_HOSTED, PrivateNetworkPolicy.ALLOWLIST, allowlist, blocked);
    }

    static Stream<Case> table() {
        return Stream.of(
                // Public and fine.
                cloud("https://hooks.example.com/webriskops", null),
                cloud("https://hooks.example.com:8443/path?q=1", null),
                cloud("https://93.184.216.34/hook", null),
                cloud("https://v6.example.com/hook", null),
                cloud("https://[2606:4700:4700::1111]/hook", null),
                cloud("https://[::ffff:8.8.8.8]/hook", null),
                cloud("https://[64:ff9b::808:808]/hook", null),
                cloud("https://bücher.example/hook", null),
                // Scheme, credentials, malformed.
                cloud("http://hooks.example.com/hook", "HTTPS"),
                cloud("ftp://hooks.example.com/hook", "HTTPS"),
                cloud("file:///etc/passwd", "HTTPS"),
                cloud("hooks.example.com/hook", "HTTPS"),
                cloud("https://user:pass@hooks.example.com/hook", "credentials"),
                cloud("https://token@hooks.example.com/hook", "credentials"),
                cloud("https://hooks.example.com:0/hook", "port"),
                cloud("https://hooks.example.com:99999/hook", "port"),
                cloud("https:///hook", "host"),
                cloud("https://exa mple.com/hook", "valid URL"),
                cloud("https://[fe80::1%25eth0]/hook", "zone"),
                cloud("https://nowhere.invalid/hook", "does not resolve"),
                // Loopback, unspecified and private, by name and by number.
                cloud("https://localhost/hook", "loopback"),
                cloud("https://127.0.0.1/hook", "loopback"),
                cloud("https://127.255.255.254/hook", "loopback"),
                cloud("https://[::1]/hook", "loopback"),
                cloud("https://0.0.0.0/hook", "unspecified"),
                cloud("https://[::]/hook", "unspecified"),
                cloud("https://10.0.0.5/hook", "private"),
                cloud("https://172.16.3.4/hook", "private"),
                cloud("https://172.31.255.255/hook", "private"),
                cloud("https://192.168.1.1/hook", "private"),
                cloud("https://internal.corp.example/hook", "private"),
                cloud("https://mixed.example.com/hook", "private"),
                cloud("https://100.64.0.1/hook", "CGNAT"),
                cloud("https://169.254.10.10/hook", "link-local"),
                cloud("https://[fe80::1]/hook", "link-local"),
                cloud("https://[fc00::1]/hook", "unique local"),
                cloud("https://[fd12:3456::1]/hook", "unique local"),
                // Cloud metadata.
                cloud("https://169.254.169.254/latest/meta-data/", "metadata"),
                cloud("https://metadata.google.internal/computeMetadata/v1/", "metadata"),
                cloud("https://100.100.100.200/hook", "metadata"),
                cloud("https://[fd00:ec2::254]/hook", "metadata"),
                cloud("https://168.63.129.16/hook", "metadata"),
                cloud("https://169.254.170.23/hook", "metadata"),
                cloud("https://[fd00:ec2::23]/hook", "metadata"),
                cloud("https://192.0.0.192/hook", "metadata"),
                cloud("https://[::ffff:168.63.129.16]/hook", "metadata"),
                // Multicast, broadcast, reserved, documentation, benchmarking.
                cloud("https://224.0.0.1/hook", "multicast"),
                cloud("https://[ff02::1]/hook", "multicast"),
                cloud("https://255.255.255.255/hook", "broadcast"),
                cloud("https://240.0.0.1/hook", "reserved"),
                cloud("https://192.0.2.10/hook", "documentation"),
                cloud("https://[2001:db8::1]/hook", "documentation"),
                cloud("https://198.18.0.1/hook", "benchmarking"),
                cloud("https://[100::1]/hook", "discard"),
                // IPv6 forms carrying an IPv4 address, judged by the address inside.
                cloud("https://[::ffff:127.0.0.1]/hook", "loopback"),
                cloud("https://[::ffff:10.0.0.1]/hook", "private"),
                cloud("https://[::ffff:169.254.169.254]/hook", "metadata"),
                cloud("https://[::127.0.0.1]/hook", "loopback"),
                cloud("https://[64:ff9b::7f00:1]/hook", "loopback"),
                cloud("https://[64:ff9b::a9fe:a9fe]/hook", "metadata"),
                cloud("https://[2002:7f00:1::1]/hook", "loopback"),
                cloud("https://[2002:c0a8:101::1]/hook", "private"),
                cloud("https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook", "loopback"),
                // Odd numeric spellings.
                cloud("https://2130706433/hook", "numeric"),
                cloud("https://0x7f000001/hook", "numeric"),
                cloud("https://0177.0.0.1/hook", "numeric"),
                cloud("https://127.1/hook", "numeric"),
                cloud("https://0x7f.0.0.1/hook", "numeric"),
                cloud("https://017700000001/hook", "numeric"),
                // Self-hosted allowlists open only what they name.
                selfHosted("https://10.0.0.5/hook", List.of("10.0.0.0/8"), null),
                selfHosted("http://10.0.0.5/hook", List.of("10.0.0.0/8"), null),
                selfHosted("https://internal.corp.example/hook", List.of("10.20.0.0/16"), null),
                selfHosted("https://10.1.0.5/hook", List.of("10.0.0.0/16"), "allowlist"),
                selfHosted("https://[fd12:3456::1]/hook", List.of("fd12:3456::/32"), null),
                selfHosted("http://93.184.216.34/hook", List.of("10.0.0.0/8"), "HTTPS"),
                selfHosted("https://169.254.169.254/hook", List.of("169.254.0.0/16"), "metadata"),
                selfHosted("https://169.254.169.254/hook", List.of("169.254.169.254/32"), null),
                // Cloud service addresses that look public or sit in ranges an allowlist may open: only
                // an entry naming exactly that host opens them.
                selfHosted("https://168.63.129.16/hook", List.of("168.63.0.0/16"), "metadata"),
                selfHosted("https://168.63.129.16/hook", List.of("168.63.129.16/32"), null),
                selfHosted("https://169.254.170.23/hook", List.of("169.254.0.0/16"), "metadata"),
                selfHosted("https://169.254.170.23/hook", List.of("169.254.170.23/32"), null),
                selfHosted("https://[fd00:ec2::23]/hook", List.of("fd00::/8"), "metadata"),
                selfHosted("https://[fd00:ec2::23]/hook", List.of("fd00:ec2::23/128"), null),
                selfHosted("https://192.0.0.192/hook", List.of("192.0.0.0/24"), "metadata"),
                selfHosted("https://192.0.0.192/hook", List.of("192.0.0.192/32"), null),
                selfHosted("http://192.0.0.192/hook", List.of("192.0.0.192/32"), null),
                selfHosted("https://127.0.0.1/hook", List.of("0.0.0.0/0"), "loopback"),
                selfHosted("https://127.0.0.1/hook", List.of("127.0.0.1/32"), null),
                selfHosted("https://[::ffff:127.0.0.1]/hook", List.of("127.0.0.0/8"), null),
                selfHosted("https://224.0.0.1/hook", List.of("224.0.0.0/4"), "multicast"),
                selfHosted("https://0.0.0.0/hook", List.of("0.0.0.0/0"), "unspecified"),
                new Case(
                        "https://10.0.0.5/hook",
                        DeploymentMode.CLOUD,
                        PrivateNetworkPolicy.ALLOWLIST,
                        List.of("10.0.0.0/8"),
                        "private"),
                new Case(
                        "https://10.0.0.5/hook",
                        DeploymentMode.SELF_HOSTED,
                        PrivateNetworkPolicy.BLOCK,
                        List.of("10.0.0.0/8"),
                        "private"));
    }

    @Test
    void theTableHoldsAtLeastFortyCases() {
        assertThat(table().count()).isGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void urlSafety(Case c) {
        ExportTarget target = ExportTarget.builder()
                .id(1)
                .baseUrl(c.url())
                .deploymentMode(c.mode())
                .privateNetworkPolicy(c.policy())
                .privateNetworkAllowlist(c.allowlist().toArray(String[]::new))
                .signingSecrets(SECRET)
                .build();

        TargetCheck check = SAFETY.check(target);

        if (c.blocked() == null) {
            assertThat(check.ok()).as(check.message()).isTrue();
            assertThat(check.code()).isNull();
        } else {
            assertThat(check.ok()).isFalse();
            assertThat(check.code().wireValue()).isEqualTo("generic_webhook_url_unsafe");
            assertThat(check.providerCode().wireValue()).isEqualTo("PROVIDER_BASE_URL_BLOCKED");
            assertThat(check.message()).containsIgnoringCase(c.blocked());
        }
    }

    @Test
    void oneCheckerJudgesEachUrlOnItsOwnWhenTargetsAlternate() {
        TargetSafety safety = TargetSafety.using(RESOLVER);
        ExportTarget good = ExportTarget.builder()
                .id(1)
                .baseUrl("https://hooks.example.com/webriskops")
                .signingSecrets(SECRET)
                .build();
        ExportTarget plainHttp = ExportTarget.builder()
                .id(2)
                .baseUrl("http://hooks.example.com/webriskops")
                .signingSecrets(SECRET)
                .build();
        ExportTarget credentials = ExportTarget.builder()
                .id(3)
                .baseUrl("https://user:pass@hooks.example.com/webriskops")
                .signingSecrets(SECRET)
                .build();

        for (int round = 0; round < 3; round++) {
            assertThat(safety.check(good).ok()).isTrue();
            assertThat(safety.check(good).ok()).isTrue();
            assertThat(safety.check(plainHttp).message()).contains("HTTPS");
            assertThat(safety.check(credentials).message()).contains("credentials");
            assertThat(safety.check(credentials).message()).contains("credentials");
        }
    }

    @Test
    void missingSecretWhileSigningIsRequiredBlocksFirst() {
        ExportTarget target =
                ExportTarget.builder().id(1).baseUrl("https://127.0.0.1/").build();

        TargetCheck check = SAFETY.check(target);

        assertThat(check.code().wireValue()).isEqualTo("generic_webhook_secret_missing");
        assertThat(check.providerCode().wireValue()).isEqualTo("PROVIDER_AUTH_REQUIRED");
        assertThat(target.signingStatus().wireName()).isEqualTo("secret_missing");
    }

    @Test
    void unsignedTargetsNeedNoSecret() {
        ExportTarget target = ExportTarget.builder()
                .id(1)
                .baseUrl("https://hooks.example.com/")
                .signingEnabled(false)
                .build();

        assertThat(SAFETY.check(target).ok()).isTrue();
        assertThat(target.signingStatus().wireName()).isEqualTo("unsigned");
    }

    @Test
    void targetToStringNeverShowsTheSecret() {
        ExportTarget target = ExportTarget.builder()
                .id(9)
                .baseUrl("https://hooks.example.com/")
                .signingSecrets(WebhookSecret.of("whsec_visible_if_leaked"))
                .build();

        assertThat(target.toString()).doesNotContain("whsec_visible_if_leaked").contains("signed");
    }
}
