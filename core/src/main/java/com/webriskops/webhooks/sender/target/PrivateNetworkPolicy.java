package com.webriskops.webhooks.sender.target;

import java.util.Locale;

/** Whether a self-hosted target may reach private addresses. */
public enum PrivateNetworkPolicy {
    /** Only public addresses (the default, and the only choice outside self-hosted mode). */
    BLOCK("block"),
    /** Private addresses inside the target's allowlisted CIDRs are allowed, in self-hosted mode only. */
    ALLOWLIST("allowlist");

    private final String wireName;

    PrivateNetworkPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The policy for a wire name.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static PrivateNetworkPolicy fromWireName(String name) {
        for (PrivateNetworkPolicy policy : values()) {
            if (policy.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown private_network_policy; expected block or allowlist");
    }
}
