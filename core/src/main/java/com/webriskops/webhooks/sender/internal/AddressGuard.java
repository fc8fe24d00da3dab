package com.webriskops.webhooks.sender.internal;

import com.webriskops.webhooks.sender.target.Cidr;
import com.webriskops.webhooks.sender.target.ExportTarget;
import jakarta.annotation.Nullable;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether a target may be connected to at a given address: public addresses always; private
 * ones only for a self-hosted target whose allowlist names them; loopback only when an allowlist
 * entry lies inside the loopback range; cloud metadata only when an entry names exactly that host;
 * unspecified, multicast and broadcast never. The sender's HTTP client calls it for every address it
 * is about to connect to, so the address checked is the address used. Immutable and thread-safe.
 */
public final class AddressGuard {
    private static final Cidr LOOPBACK_V4 = Cidr.parse("127.0.0.0/8");
    private static final Cidr LOOPBACK_V6 = Cidr.parse("::1/128");

    private final List<Cidr> allowlist;
    private final boolean plainHttp;

    private AddressGuard(List<Cidr> allowlist, boolean plainHttp) {
        this.allowlist = allowlist;
        this.plainHttp = plainHttp;
    }

    /**
     * The guard for {@code target}'s addresses, whatever the scheme: its allowlist counts only in
     * self-hosted mode with that policy.
     */
    public static AddressGuard forTarget(ExportTarget target) {
        Objects.requireNonNull(target, "target");
        return new AddressGuard(target.allowsPrivateNetwork() ? target.privateNetworkAllowlist() : List.of(), false);
    }

    /**
     * The guard for connections to {@code target}: like {@link #forTarget}, and when its base URL is
     * plain HTTP, only allowlisted private addresses pass. The sender asks it for the address it is
     * about to connect to, so whether plain HTTP is allowed is decided on that address, not on what
     * the host resolved to when the target was checked.
     */
    public static AddressGuard forConnectionsTo(ExportTarget target) {
        Objects.requireNonNull(target, "target");
        return new AddressGuard(
                target.allowsPrivateNetwork() ? target.privateNetworkAllowlist() : List.of(),
                isPlainHttp(target.baseUrl()));
    }

    /** A guard that allows public addresses only. */
    public static AddressGuard publicOnly() {
        return new AddressGuard(List.of(), false);
    }

    private static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http:", 0, "http:".length());
    }

    /** Returns null when {@code address} may be connected to, else why not ("a loopback address"). */
    @Nullable
    public String rejectionReason(InetAddress address) {
        Objects.requireNonNull(address, "address");
        AddressRules.Verdict verdict = AddressRules.classify(address);
        String reason = addressRejection(verdict);
        if (reason == null && plainHttp && verdict.kind() == AddressRules.Kind.PUBLIC) {
            return verdict.label() + " over plain HTTP (plain HTTP only to allowlisted private addresses)";
        }
        return reason;
    }

    @Nullable
    private String addressRejection(AddressRules.Verdict verdict) {
        switch (verdict.kind()) {
            case PUBLIC:
                return null;
            case NEVER:
                return verdict.label();
            case LOOPBACK:
                return allowlistOpens(verdict.judged(), cidr -> cidr.within(LOOPBACK_V4) || cidr.within(LOOPBACK_V6))
                        ? null
                        : verdict.label() + " not named by the private-network allowlist";
            case METADATA:
                return allowlistOpens(verdict.judged(), Cidr::isSingleHost)
                        ? null
                        : verdict.label() + " not named exactly by the private-network allowlist";
            case PRIVATE:
            default:
                return allowlistOpens(verdict.judged(), cidr -> true)
                        ? null
                        : verdict.label() + " not in the private-network allowlist";
        }
    }

    /** True when {@code address} is non-public and opened by the allowlist. */
    public boolean isAllowlistedPrivate(InetAddress address) {
        return AddressRules.classify(address).kind() != AddressRules.Kind.PUBLIC && rejectionReason(address) == null;
    }

    private boolean allowlistOpens(InetAddress judged, java.util.function.Predicate<Cidr> entryMayOpen) {
        for (Cidr cidr : allowlist) {
            if (cidr.contains(judged) && entryMayOpen.test(cidr)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "AddressGuard[allowlist=" + allowlist + ", plainHttp=" + plainHttp + "]";
    }
}
