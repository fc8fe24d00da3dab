package com.webriskops.webhooks.sender.target;

import com.fasterxml.jackson.annotation.JsonValue;
import com.webriskops.webhooks.payload.ProviderKey;
import com.webriskops.webhooks.signing.WebhookSecret;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A customer-owned endpoint ticket exports are delivered to. The signing secrets are credentials:
 * they are never written into a payload, a log line or {@link #toString()}. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * ExportTarget target = ExportTarget.builder()
 *         .id(123)
 *         .providerKey(ProviderKey.GENERIC_WEBHOOK)
 *         .baseUrl("https://hooks.example.com/webriskops")
 *         .signingSecrets(WebhookSecret.of(secretFromVault))
 *         .build();
 * }</pre>
 */
public final class ExportTarget {
    private final long id;
    private final ProviderKey providerKey;
    private final String baseUrl;
    private final DeploymentMode deploymentMode;
    private final List<WebhookSecret> signingSecrets;
    private final boolean signingEnabled;
    private final PrivateNetworkPolicy privateNetworkPolicy;
    private final List<Cidr> privateNetworkAllowlist;

    @Nullable
    private final String name;

    private ExportTarget(Builder builder) {
        this.id = builder.id;
        this.providerKey = builder.providerKey;
        this.baseUrl = builder.baseUrl;
        this.deploymentMode = builder.deploymentMode;
        this.signingSecrets = List.copyOf(builder.signingSecrets);
        this.signingEnabled = builder.signingEnabled;
        this.privateNetworkPolicy = builder.privateNetworkPolicy;
        this.privateNetworkAllowlist = List.copyOf(builder.privateNetworkAllowlist);
        this.name = builder.name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this target's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .id(id)
                .providerKey(providerKey)
                .baseUrl(baseUrl)
                .deploymentMode(deploymentMode)
                .signingSecrets(signingSecrets)
                .signingEnabled(signingEnabled)
                .privateNetworkPolicy(privateNetworkPolicy)
                .privateNetworkAllowlist(privateNetworkAllowlist);
        builder.name = name;
        return builder;
    }

    public long id() {
        return id;
    }

    public ProviderKey providerKey() {
        return providerKey;
    }

    /** The endpoint URL (a.k.a. {@code webhook_url}), as configured; not yet checked. */
    public String baseUrl() {
        return baseUrl;
    }

    public DeploymentMode deploymentMode() {
        return deploymentMode;
    }

    /** The secrets deliveries are signed with, in order; several during a rotation. */
    public List<WebhookSecret> signingSecrets() {
        return signingSecrets;
    }

    public boolean signingEnabled() {
        return signingEnabled;
    }

    public PrivateNetworkPolicy privateNetworkPolicy() {
        return privateNetworkPolicy;
    }

    public List<Cidr> privateNetworkAllowlist() {
        return privateNetworkAllowlist;
    }

    /** A display name, or null. */
    @Nullable
    public String name() {
        return name;
    }

    /** Whether deliveries to this target will carry a signature: see {@link SigningStatus#of}. */
    public SigningStatus signingStatus() {
        return SigningStatus.of(signingEnabled, !signingSecrets.isEmpty());
    }

    /** True when private addresses may be opened: self-hosted mode with the allowlist policy. */
    public boolean allowsPrivateNetwork() {
        return deploymentMode == DeploymentMode.SELF_HOSTED
                && privateNetworkPolicy == PrivateNetworkPolicy.ALLOWLIST
                && !privateNetworkAllowlist.isEmpty();
    }

    @Override
    public String toString() {
        return "ExportTarget[id=" + id + ", providerKey=" + providerKey.wireName() + ", baseUrl=" + baseUrl
                + ", deploymentMode=" + deploymentMode.wireName() + ", signingStatus="
                + signingStatus().wireName()
                + ", privateNetworkPolicy=" + privateNetworkPolicy.wireName() + ", privateNetworkAllowlist="
                + privateNetworkAllowlist + "]";
    }

    /** Builds an {@link ExportTarget}. Not thread-safe; {@link #build()} freezes a copy. */
    public static final class Builder {
        private long id;
        private ProviderKey providerKey = ProviderKey.GENERIC_WEBHOOK;
        private String baseUrl;
        private DeploymentMode deploymentMode = DeploymentMode.CLOUD;
        private final List<WebhookSecret> signingSecrets = new ArrayList<>();
        private boolean signingEnabled = true;
        private PrivateNetworkPolicy privateNetworkPolicy = PrivateNetworkPolicy.BLOCK;
        private final List<Cidr> privateNetworkAllowlist = new ArrayList<>();
        private String name;

        private Builder() {}

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        /** Default {@link ProviderKey#GENERIC_WEBHOOK}. */
        public Builder providerKey(ProviderKey providerKey) {
            this.providerKey = Objects.requireNonNull(providerKey, "providerKey");
            return this;
        }

        /** The endpoint URL; checked by {@link TargetSafety}, not here. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
            return this;
        }

        /** Default {@link DeploymentMode#CLOUD}. */
        public Builder deploymentMode(DeploymentMode deploymentMode) {
            this.deploymentMode = Objects.requireNonNull(deploymentMode, "deploymentMode");
            return this;
        }

        /** Replaces the signing secrets; during a rotation, give the new and the old one. */
        public Builder signingSecrets(WebhookSecret... secrets) {
            return signingSecrets(Arrays.asList(secrets));
        }

        /** Like {@link #signingSecrets(WebhookSecret...)}. */
        public Builder signingSecrets(List<WebhookSecret> secrets) {
            signingSecrets.clear();
            secrets.forEach(secret -> signingSecrets.add(Objects.requireNonNull(secret, "secret")));
            return this;
        }

        /** Whether deliveries must be signed. Default true. */
        public Builder signingEnabled(boolean signingEnabled) {
            this.signingEnabled = signingEnabled;
            return this;
        }

        /** Default {@link PrivateNetworkPolicy#BLOCK}. */
        public Builder privateNetworkPolicy(PrivateNetworkPolicy policy) {
            this.privateNetworkPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Replaces the private-network allowlist, as CIDR texts such as {@code 10.20.0.0/16}.
         *
         * @throws IllegalArgumentException if an entry is not a canonical CIDR
         */
        public Builder privateNetworkAllowlist(String... cidrs) {
            privateNetworkAllowlist.clear();
            for (String cidr : cidrs) {
                privateNetworkAllowlist.add(Cidr.parse(cidr));
            }
            return this;
        }

        /** Replaces the private-network allowlist. */
        public Builder privateNetworkAllowlist(List<Cidr> cidrs) {
            privateNetworkAllowlist.clear();
            cidrs.forEach(cidr -> privateNetworkAllowlist.add(Objects.requireNonNull(cidr, "cidr")));
            return this;
        }

        /** A display name; optional. */
        public Builder name(@Nullable String name) {
            this.name = name;
            return this;
        }

        /**
         * @throws IllegalStateException if no base URL was given
         */
        public ExportTarget build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            return new ExportTarget(this);
        }
    }

    /**
     * Whether a target's deliveries carry a signature; shown to users as {@code signing_status}. Written
     * as its {@link #wireName()} in JSON and stores.
     */
    public enum SigningStatus {
        /** Signing is required and a secret is held: every delivery carries a signature. */
        SIGNED("signed"),
        /** Signing is disabled for the target: deliveries carry no signature. */
        UNSIGNED("unsigned"),
        /** Signing is required but no secret is held: deliveries are blocked until one is set. */
        SECRET_MISSING("secret_missing");

        private final String wireName;

        SigningStatus(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The status of a target: {@link #UNSIGNED} when signing is disabled, else {@link #SIGNED} when
         * a secret is held and {@link #SECRET_MISSING} when none is.
         */
        public static SigningStatus of(boolean signingEnabled, boolean holdsSecret) {
            if (!signingEnabled) {
                return UNSIGNED;
            }
            return holdsSecret ? SIGNED : SECRET_MISSING;
        }

        /** The value as written in JSON and stores, such as {@code secret_missing}. */
        @JsonValue
        public String wireName() {
            return wireName;
        }

        /**
         * The status for a wire name.
         *
         * @throws IllegalArgumentException for an unknown name
         */
        public static SigningStatus fromWireName(String name) {
            for (SigningStatus status : values()) {
                if (status.wireName.equals(name)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown signing_status; expected signed, unsigned or secret_missing");
        }
    }

    /** Where a target's receiver runs; only {@link #SELF_HOSTED} may open private networks. */
    public enum DeploymentMode {
        /** A public SaaS hook (Zapier, Make, n8n cloud, a public HTTPS receiver). */
        CLOUD("cloud"),
        /** A customer-approved endpoint inside the customer's network. */
        SELF_HOSTED("self-hosted"),
        /** A public webhook-only target. */
        WEBHOOK_ONLY("webhook-only");

        private final String wireName;

        DeploymentMode(String wireName) {
            this.wireName = wireName;
        }

        /** The value as written in APIs and configuration, such as {@code self-hosted}. */
        public String wireName() {
            return wireName;
        }

        /**
         * The mode for a wire name.
         *
         * @throws IllegalArgumentException for an unknown name
         */
        public static DeploymentMode fromWireName(String name) {
            for (DeploymentMode mode : values()) {
                if (mode.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown deployment_mode; expected cloud, self-hosted or webhook-only");
        }
    }

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
}
