package com.webriskops.webhooks.sender.target;

import com.webriskops.webhooks.sender.internal.AddressRules;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IPv4 or IPv6 address block such as {@code 10.20.0.0/16} or {@code fd00::/8}. Immutable.
 *
 * <p>Only canonical numeric spellings are accepted (dotted-quad IPv4, RFC 4291 IPv6); a bare address
 * means a single host ({@code /32} or {@code /128}). Host bits beyond the prefix must be zero.
 */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;

    private Cidr(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix} or a bare address.
     *
     * @throws IllegalArgumentException if the text is not a canonical CIDR, or names an IPv4-mapped
     *     IPv6 address (write the IPv4 form instead)
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = AddressRules.parseLiteral(address);
        if (bytes == null) {
            throw new IllegalArgumentException("not a numeric IPv4 or IPv6 address: " + address);
        }
        if (isIpv4Mapped(bytes)) {
            // ::ffff:a.b.c.d prints back as a.b.c.d, so the entry could not be read again: refuse it.
            throw new IllegalArgumentException(
                    "an IPv4-mapped IPv6 address (::ffff:a.b.c.d); write the IPv4 range, such as 10.20.0.0/16");
        }
        int max = bytes.length * 8;
        int prefix;
        if (slash < 0) {
            prefix = max;
        } else {
            String digits = trimmed.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("bad prefix length in " + trimmed);
            }
            prefix = Integer.parseInt(digits);
            if (prefix > max) {
                throw new IllegalArgumentException("prefix length over " + max + " in " + trimmed);
            }
        }
        if (!Arrays.equals(bytes, mask(bytes, prefix))) {
            throw new IllegalArgumentException("host bits set beyond /" + prefix + " in " + trimmed);
        }
        return new Cidr(bytes, prefix);
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        if (bytes.length != 16 || bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code address} (same family) lies inside this block. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.length && Arrays.equals(mask(bytes, prefixLength), network);
    }

    /** True when every address of this block lies inside {@code outer}. */
    public boolean within(Cidr outer) {
        return network.length == outer.network.length
                && prefixLength >= outer.prefixLength
                && Arrays.equals(mask(network, outer.prefixLength), outer.network);
    }

    /** True when this block is one host. */
    public boolean isSingleHost() {
        return prefixLength == network.length * 8;
    }

    public int prefixLength() {
        return prefixLength;
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }
}
