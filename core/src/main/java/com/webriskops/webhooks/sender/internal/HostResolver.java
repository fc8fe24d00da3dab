package com.webriskops.webhooks.sender.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to addresses; the seam through which the sender's HTTP client and target
 * checks look names up, so tests (and DNS-rebinding checks) can control the answers. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface HostResolver {
    /** The system resolver. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * Every address {@code host} resolves to.
     *
     * @throws UnknownHostException when it resolves to nothing
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
