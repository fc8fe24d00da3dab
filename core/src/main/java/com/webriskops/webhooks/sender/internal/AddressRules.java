package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.target.Cidr;
import jakarta.annotation.Nullable;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Classifies IP addresses for outbound delivery: public, or which kind of non-public range. IPv6
 * forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the
 * address inside.
 */
public final class AddressRules {
    /** What an address is, from the sender's point of view. */
    public enum Kind {
        /** Routable on the internet. */
        PUBLIC,
        /** Private, shared, link-local, documentation, benchmarking or reserved: an allowlist may open it. */
        PRIVATE,
        /** Loopback: opened only by an allowlist entry inside the loopback range. */
        LOOPBACK,
        /** A cloud metadata endpoint: opened only by an allowlist entry naming exactly that host. */
        METADATA,
        /** Unspecified, "this network", multicast or broadcast: never a delivery target. */
        NEVER
    }

    /** A range and what it holds. */
    private record Range(Cidr cidr, Kind kind, String label) {}

    /**
     * Cloud metadata and platform service addresses. Some look public (Azure's WireServer) or sit in
     * ranges an allowlist may open (link-local, IETF protocol assignments, unique local), so each needs
     * an allowlist entry naming exactly that host.
     */
    private static final List<Range> METADATA_HOSTS = List.of(
            range("169.254.169.254/32", Kind.METADATA, "a cloud metadata address"),
            range("169.254.170.2/32", Kind.METADATA, "a cloud metadata address (ECS task credentials)"),
            range("169.254.170.23/32", Kind.METADATA, "a cloud metadata address (EKS Pod Identity)"),
            range("100.100.100.200/32", Kind.METADATA, "a cloud metadata address"),
            range("168.63.129.16/32", Kind.METADATA, "a cloud metadata address (Azure WireServer)"),
            range("192.0.0.192/32", Kind.METADATA, "a cloud metadata address (OCI)"),
            range("fd00:ec2::254/128", Kind.METADATA, "a cloud metadata address"),
            range("fd00:ec2::23/128", Kind.METADATA, "a cloud metadata address (EKS Pod Identity)"));

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", Kind.NEVER, "an unspecified (this-network) address"),
            range("10.0.0.0/8", Kind.PRIVATE, "a private (RFC 1918) address"),
            range("100.64.0.0/10", Kind.PRIVATE, "a shared (CGNAT) address"),
            range("127.0.0.0/8", Kind.LOOPBACK, "a loopback address"),
            range("169.254.0.0/16", Kind.PRIVATE, "a link-local address"),
            range("172.16.0.0/12", Kind.PRIVATE, "a private (RFC 1918) address"),
            range("192.0.0.0/24", Kind.PRIVATE, "an IETF protocol assignment address"),
            range("192.0.2.0/24", Kind.PRIVATE, "a documentation address"),
            range("192.31.196.0/24", Kind.PRIVATE, "a special-purpose (AS112) address"),
            range("192.52.193.0/24", Kind.PRIVATE, "a special-purpose (AMT) address"),
            range("192.88.99.0/24", Kind.PRIVATE, "a deprecated 6to4 relay address"),
            range("192.168.0.0/16", Kind.PRIVATE, "a private (RFC 1918) address"),
            range("192.175.48.0/24", Kind.PRIVATE, "a special-purpose (AS112) address"),
            range("198.18.0.0/15", Kind.PRIVATE, "a benchmarking address"),
            range("198.51.100.0/24", Kind.PRIVATE, "a documentation address"),
            range("203.0.113.0/24", Kind.PRIVATE, "a documentation address"),
            range("224.0.0.0/4", Kind.NEVER, "a multicast address"),
            range("255.255.255.255/32", Kind.NEVER, "the broadcast address"),
            range("240.0.0.0/4", Kind.PRIVATE, "a reserved address"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", Kind.NEVER, "the unspecified address"),
            range("::1/128", Kind.LOOPBACK, "a loopback address"),
            range("64:ff9b:1::/48", Kind.PRIVATE, "a local-use NAT64 address"),
            range("100::/64", Kind.PRIVATE, "a discard-only address"),
            range("2001:2::/48", Kind.PRIVATE, "a benchmarking address"),
            range("2001:db8::/32", Kind.PRIVATE, "a documentation address"),
            range("2001:10::/28", Kind.PRIVATE, "an ORCHID address"),
            range("2001:20::/28", Kind.PRIVATE, "an ORCHIDv2 address"),
            range("3fff::/20", Kind.PRIVATE, "a documentation address"),
            range("5f00::/16", Kind.PRIVATE, "a segment-routing address"),
            range("fc00::/7", Kind.PRIVATE, "a unique local (ULA) address"),
            range("fe80::/10", Kind.PRIVATE, "a link-local address"),
            range("fec0::/10", Kind.PRIVATE, "a site-local address"),
            range("ff00::/8", Kind.NEVER, "a multicast address"));

    private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

    private AddressRules() {}

    /** The kind of {@code address} and a phrase for messages, such as "a loopback address". */
    public record Verdict(Kind kind, String label, InetAddress judged) {}

    /** The cloud metadata and platform service hosts, one single-host block each. */
    public static List<Cidr> metadataHosts() {
        return METADATA_HOSTS.stream().map(Range::cidr).toList();
    }

    public static Verdict classify(InetAddress address) {
        InetAddress judged = embeddedIpv4(address);
        for (Range range : METADATA_HOSTS) {
            if (range.cidr().contains(judged)) {
                return new Verdict(range.kind(), range.label(), judged);
            }
        }
        List<Range> ranges = judged instanceof Inet4Address ? IPV4 : IPV6;
        for (Range range : ranges) {
            if (range.cidr().contains(judged)) {
                return new Verdict(range.kind(), range.label(), judged);
            }
        }
        if (!(judged instanceof Inet4Address) && !GLOBAL_UNICAST.contains(judged)) {
            return new Verdict(Kind.PRIVATE, "a reserved IPv6 address", judged);
        }
        return new Verdict(Kind.PUBLIC, "a public address", judged);
    }

    /**
     * The IPv4 address carried inside an IPv6 address (IPv4-mapped, IPv4-compatible, NAT64
     * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo {@code 2001::/32} client), or the address
     * itself.
     */
    public static InetAddress embeddedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length != 16) {
            return address;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, except :: and ::1).
        if (firstTenZero
                && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0 && !isZeroOrOne(b)))) {
            return ipv4(b[12], b[13], b[14], b[15]);
        }
        // NAT64 well-known prefix 64:ff9b::/96.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12)) {
            return ipv4(b[12], b[13], b[14], b[15]);
        }
        // 6to4 2002:AABB:CCDD::/48.
        if (b[0] == 0x20 && b[1] == 0x02) {
            return ipv4(b[2], b[3], b[4], b[5]);
        }
        // Teredo 2001:0000::/32: the client's address is the last 32 bits, inverted.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            return ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
        }
        return address;
    }

    private static boolean isZeroOrOne(byte[] b) {
        return allZero(b, 12, 15) && (b[15] == 0 || b[15] == 1);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bytes of a canonical numeric address: dotted-quad IPv4 (decimal, no leading zeros) or an
     * IPv6 literal (optionally in brackets, no zone), or null for anything else.
     */
    @Nullable
    public static byte[] parseLiteral(String text) {
        String host = text;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || host.length() > 45) {
            return null;
        }
        if (host.indexOf(':') >= 0) {
            if (host.indexOf('%') >= 0
                    || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
            try {
                InetAddress parsed = InetAddress.getByName(host);
                byte[] bytes = parsed.getAddress();
                if (bytes.length == 4) {
                    // Java turns ::ffff:a.b.c.d into an IPv4 address; keep the IPv6 form.
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(bytes, 0, mapped, 12, 4);
                    return mapped;
                }
                return bytes;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        String[] labels = host.split("\\.", -1);
        if (labels.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String label = labels[i];
            if (label.isEmpty()
                    || label.length() > 3
                    || (label.length() > 1 && label.charAt(0) == '0')
                    || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(label);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /**
     * True for a host that is meant as a number but is not a canonical address: {@code 2130706433},
     * {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}. Resolvers disagree on these, so they are
     * refused rather than guessed. A DNS name's last label is never all digits.
     */
    public static boolean isOddNumericSpelling(String host) {
        if (parseLiteral(host) != null) {
            return false;
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (last.isEmpty()) {
            return false;
        }
        boolean digits = last.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean hex = last.startsWith("0x")
                && last.length() > 2
                && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        return digits || hex;
    }

    private static Range range(String cidr, Kind kind, String label) {
        return new Range(Cidr.parse(cidr), kind, label);
    }
}
