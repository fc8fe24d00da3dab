package com.webriskops.webhooks.sender.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's DNS hook: resolves through the sender's {@link HostResolver} and refuses the
 * whole answer when any address is one the target's {@link AddressGuard} rejects. The client
 * connects only to addresses returned here, so the address checked is the address connected to.
 */
public final class GuardedDnsResolver implements DnsResolver {
    private final HostResolver resolver;
    private final AddressGuard guard;

    public GuardedDnsResolver(HostResolver resolver, AddressGuard guard) {
        this.resolver = resolver;
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException("the target host does not resolve");
        }
        for (InetAddress address : addresses) {
            String reason = guard.rejectionReason(address);
            if (reason != null) {
                throw new BlockedAddressException("base_url resolves to " + reason);
            }
        }
        return addresses.clone();
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> result = new ArrayList<>();
        for (InetAddress address : resolve(host)) {
            result.add(new InetSocketAddress(address, port));
        }
        return result;
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** A resolved address the target may not reach: blocked as unsafe, never retried as a network error. */
    public static final class BlockedAddressException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        BlockedAddressException(String message) {
            super(message);
        }
    }
}
