package com.webriskops.webhooks.spring;

import com.webriskops.webhooks.idempotency.IdempotentRequests;
import com.webriskops.webhooks.idempotency.SharedSecretCheck;
import com.webriskops.webhooks.receiver.WebhookReceiver;
import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.Delimiter;
import org.springframework.util.unit.DataSize;

/**
 * The {@code webriskops.webhooks.*} properties. Secrets are used byte for byte as configured (never
 * trimmed) and never appear in {@link #toString()}, logs or error messages.
 */
@ConfigurationProperties(prefix = WebRiskOpsWebhooksProperties.PREFIX)
public class WebRiskOpsWebhooksProperties {
    /** The prefix of every property. */
    public static final String PREFIX = "webriskops.webhooks";

    /** Where replay, duplicate-guard, idempotent-answer and outbox state is kept. */
    public enum StoreType {
        /** In this JVM only: lost on restart, not shared between instances. */
        MEMORY,
        /** The JDBI stores on the application's DataSource (needs webriskops-webhooks-jdbi-store). */
        JDBC
    }

    /** The signature scheme deliveries are verified with. */
    public enum Scheme {
        /** ticket-export.webhook.v1: the X-WebRiskOps-* headers. */
        WEBRISKOPS,
        /** The Vicket envelope: X-Vicket-Signature. */
        VICKET,
        /**
         * Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature): secrets are whsec_ keys,
         * public-keys whpk_ keys; the payload is read as a JSON tree.
         */
        STANDARD_WEBHOOKS
    }

    /**
     * Where state is kept: memory (default; one instance, lost on restart) or jdbc (the JDBI stores on
     * the application's DataSource, their tables created at start-up). A DataSource alone does not switch
     * to jdbc.
     */
    private StoreType store = StoreType.MEMORY;

    private final Jdbc jdbc = new Jdbc();
    private final Receiver receiver = new Receiver();
    private final Idempotency idempotency = new Idempotency();
    private final Sender sender = new Sender();
    private final Health health = new Health();
    private final Metrics metrics = new Metrics();
    private final Dashboard dashboard = new Dashboard();

    public StoreType getStore() {
        return store;
    }

    public void setStore(StoreType store) {
        this.store = store;
    }

    public Jdbc getJdbc() {
        return jdbc;
    }

    public Receiver getReceiver() {
        return receiver;
    }

    public Idempotency getIdempotency() {
        return idempotency;
    }

    public Sender getSender() {
        return sender;
    }

    public Health getHealth() {
        return health;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    public Dashboard getDashboard() {
        return dashboard;
    }

    /**
     * {@code webriskops.webhooks.dashboard.*}: the operator dashboard (needs
     * webriskops-webhooks-dashboard, the sender, and a DashboardAuthenticator bean).
     */
    public static class Dashboard {
        /** Serve the operator dashboard. */
        private boolean enabled = false;

        /** Where the dashboard is served, such as /webhooks-dashboard (it answers below it). */
        private String path = "/webhooks-dashboard";

        /** How long an idle dashboard session lasts. */
        private Duration sessionTimeout = Duration.ofMinutes(30);

        /**
         * Without a DashboardAuthenticator bean: take users from the request's principal (set by Spring
         * Security or the container), each owning what carries its name. Default: true when Spring
         * Security is present.
         */
        private Boolean requestPrincipal;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPath() {
            return path;
        }

        public void setPath(String path) {
            this.path = path;
        }

        public Duration getSessionTimeout() {
            return sessionTimeout;
        }

        public Boolean getRequestPrincipal() {
            return requestPrincipal;
        }

        public void setRequestPrincipal(Boolean requestPrincipal) {
            this.requestPrincipal = requestPrincipal;
        }

        public void setSessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
        }

        @Override
        public String toString() {
            return "Dashboard[enabled=" + enabled + ", path=" + path + "]";
        }
    }

    @Override
    public String toString() {
        return "WebRiskOpsWebhooksProperties[store=" + store + ", receiver.paths=" + receiver.paths
                + ", receiver.secrets=" + receiver.secrets.size() + " configured]";
    }

    /** {@code webriskops.webhooks.jdbc.*}: the JDBI stores. */
    public static class Jdbc {
        /** Prefix of the stores' tables (and of their Flyway history table, {@code <prefix>schema_history}). */
        private String tablePrefix = "webhook_";

        /**
         * Whether the stores' tables are created or updated at start-up, with their own Flyway history
         * table (the application's own Flyway history is untouched).
         */
        private boolean migrate = true;

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public boolean isMigrate() {
            return migrate;
        }

        public void setMigrate(boolean migrate) {
            this.migrate = migrate;
        }
    }

    /** {@code webriskops.webhooks.receiver.*}: verified webhook endpoints. */
    public static class Receiver {
        /** Whether the receiver is configured when its paths or secrets are set. */
        private boolean enabled = true;

        /**
         * The webhook signing secrets; a delivery signed with any one is accepted, so a rotation adds the
         * new secret as another entry (secrets[1]=...) and removes the old one later. Each entry is used
         * as configured: a comma inside a value is part of the secret, never a separator.
         */
        @Delimiter(Delimiter.NONE)
        private List<String> secrets = new ArrayList<>();

        /** Standard Webhooks only: the whpk_ public keys that verify v1a (Ed25519) signatures. */
        @Delimiter(Delimiter.NONE)
        private List<String> publicKeys = new ArrayList<>();

        /**
         * The servlet URL patterns the verification guards, such as /webhooks/webriskops or /webhooks/*.
         * Every request to them is treated as a delivery.
         */
        private List<String> paths = new ArrayList<>();

        /** The signature scheme: webriskops (default), vicket or standard-webhooks. */
        private Scheme scheme = Scheme.WEBRISKOPS;

        /** How far a delivery's timestamp may be from this server's clock, each way. */
        private Duration timestampTolerance = WebhookReceiver.DEFAULT_TIMESTAMP_TOLERANCE;

        /** The largest body accepted; larger ones get 413. */
        private DataSize maxBodySize = DataSize.ofBytes(WebhookReceiver.DEFAULT_MAX_BODY_BYTES);

        /** How long a handler may hold a delivery's key before a retry may claim it again. */
        private Duration claimLease = WebhookReceiver.DEFAULT_CLAIM_LEASE;

        /** How long a completed key answers "duplicate". */
        private Duration completedRetention = WebhookReceiver.DEFAULT_COMPLETED_RETENTION;

        /** Order of the verification filter; before Spring Security's filter chain (-100) by default. */
        private int filterOrder = -200;

        private final Allow allow = new Allow();
        private final RateLimit rateLimit = new RateLimit();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getSecrets() {
            return secrets;
        }

        public void setSecrets(List<String> secrets) {
            this.secrets = secrets;
        }

        public List<String> getPublicKeys() {
            return publicKeys;
        }

        public void setPublicKeys(List<String> publicKeys) {
            this.publicKeys = publicKeys;
        }

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        public Scheme getScheme() {
            return scheme;
        }

        public void setScheme(Scheme scheme) {
            this.scheme = scheme;
        }

        public Duration getTimestampTolerance() {
            return timestampTolerance;
        }

        public void setTimestampTolerance(Duration timestampTolerance) {
            this.timestampTolerance = timestampTolerance;
        }

        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public Duration getClaimLease() {
            return claimLease;
        }

        public void setClaimLease(Duration claimLease) {
            this.claimLease = claimLease;
        }

        public Duration getCompletedRetention() {
            return completedRetention;
        }

        public void setCompletedRetention(Duration completedRetention) {
            this.completedRetention = completedRetention;
        }

        public int getFilterOrder() {
            return filterOrder;
        }

        public void setFilterOrder(int filterOrder) {
            this.filterOrder = filterOrder;
        }

        public Allow getAllow() {
            return allow;
        }

        public RateLimit getRateLimit() {
            return rateLimit;
        }

        @Override
        public String toString() {
            return "Receiver[paths=" + paths + ", scheme=" + scheme + ", secrets=" + secrets.size() + " configured]";
        }
    }

    /** {@code webriskops.webhooks.receiver.allow.*}: an allow-list policy (403 for anything else). */
    public static class Allow {
        /** Account ids allowed to deliver; empty allows every account. */
        private List<Long> accounts = new ArrayList<>();

        /** Project ids allowed to deliver; empty allows every project. */
        private List<Long> projects = new ArrayList<>();

        /** Target ids allowed to deliver; empty allows every target. */
        private List<Long> targets = new ArrayList<>();

        public List<Long> getAccounts() {
            return accounts;
        }

        public void setAccounts(List<Long> accounts) {
            this.accounts = accounts;
        }

        public List<Long> getProjects() {
            return projects;
        }

        public void setProjects(List<Long> projects) {
            this.projects = projects;
        }

        public List<Long> getTargets() {
            return targets;
        }

        public void setTargets(List<Long> targets) {
            this.targets = targets;
        }

        /** True when any list is set. */
        public boolean isConfigured() {
            return !accounts.isEmpty() || !projects.isEmpty() || !targets.isEmpty();
        }
    }

    /** {@code webriskops.webhooks.receiver.rate-limit.*}: deliveries per account (429 beyond). */
    public static class RateLimit {
        /** Deliveries each account may make per period; unset means no limit. */
        @Nullable
        private Integer permits;

        /** The period the permits refill over. */
        private Duration period = Duration.ofMinutes(1);

        @Nullable
        public Integer getPermits() {
            return permits;
        }

        public void setPermits(@Nullable Integer permits) {
            this.permits = permits;
        }

        public Duration getPeriod() {
            return period;
        }

        public void setPeriod(Duration period) {
            this.period = period;
        }
    }

    /** {@code webriskops.webhooks.idempotency.*}: API endpoints that clients retry with Idempotency-Key. */
    public static class Idempotency {
        /**
         * Servlet URL patterns made idempotent, besides handler methods annotated with
         * {@link IdempotentEndpoint}.
         */
        private List<String> paths = new ArrayList<>();

        /**
         * Shared secrets the idempotent endpoints require in the shared-secret header (401 UNAUTHORIZED
         * without one); empty means no check. Several are accepted during a rotation.
         */
        @Delimiter(Delimiter.NONE)
        private List<String> sharedSecrets = new ArrayList<>();

        /** The header carrying the shared secret. */
        private String sharedSecretHeader = SharedSecretCheck.DEFAULT_HEADER_NAME;

        /** How long a completed key keeps its stored answer. */
        private Duration keyTimeToLive = IdempotentRequests.DEFAULT_KEY_TIME_TO_LIVE;

        /** How long a running request holds its key (a retry meanwhile gets 409). */
        private Duration claimLease = IdempotentRequests.DEFAULT_CLAIM_LEASE;

        /** The largest answer body stored for replay; larger answers release the key. */
        private DataSize maxStoredBodySize = DataSize.ofBytes(IdempotentRequests.DEFAULT_MAX_STORED_BODY_BYTES);

        /** The largest request body read to fingerprint a request. */
        private DataSize maxRequestBodySize = DataSize.ofBytes(IdempotentRequests.DEFAULT_MAX_REQUEST_BODY_BYTES);

        /** Order of the idempotency filters; after the webhook verification filter by default. */
        private int filterOrder = -150;

        public List<String> getPaths() {
            return paths;
        }

        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        public List<String> getSharedSecrets() {
            return sharedSecrets;
        }

        public void setSharedSecrets(List<String> sharedSecrets) {
            this.sharedSecrets = sharedSecrets;
        }

        public String getSharedSecretHeader() {
            return sharedSecretHeader;
        }

        public void setSharedSecretHeader(String sharedSecretHeader) {
            this.sharedSecretHeader = sharedSecretHeader;
        }

        public Duration getKeyTimeToLive() {
            return keyTimeToLive;
        }

        public void setKeyTimeToLive(Duration keyTimeToLive) {
            this.keyTimeToLive = keyTimeToLive;
        }

        public Duration getClaimLease() {
            return claimLease;
        }

        public void setClaimLease(Duration claimLease) {
            this.claimLease = claimLease;
        }

        public DataSize getMaxStoredBodySize() {
            return maxStoredBodySize;
        }

        public void setMaxStoredBodySize(DataSize maxStoredBodySize) {
            this.maxStoredBodySize = maxStoredBodySize;
        }

        public DataSize getMaxRequestBodySize() {
            return maxRequestBodySize;
        }

        public void setMaxRequestBodySize(DataSize maxRequestBodySize) {
            this.maxRequestBodySize = maxRequestBodySize;
        }

        public int getFilterOrder() {
            return filterOrder;
        }

        public void setFilterOrder(int filterOrder) {
            this.filterOrder = filterOrder;
        }

        @Override
        public String toString() {
            return "Idempotency[paths=" + paths + ", sharedSecrets=" + sharedSecrets.size() + " configured]";
        }
    }

    /** {@code webriskops.webhooks.sender.*}: the embedded sender and its dispatcher. */
    public static class Sender {
        /** Whether the embedded sender (WebhookSender, outbox, dispatcher started with the context) is set up. */
        private boolean enabled = false;

        /** Dispatcher worker threads: attempts in flight at once (Dispatcher.DEFAULT_WORKERS). */
        private int workers = 8;

        /** Deliveries a worker claims at once. */
        private int batchSize = 16;

        /** How long an idle worker waits before looking for due deliveries again. */
        private Duration pollInterval = Duration.ofSeconds(1);

        /** How long a claim holds a delivery; default: the request timeout plus 30 seconds. */
        @Nullable
        private Duration lease;

        /** How long shutdown waits for running attempts; default: the request timeout plus 5 seconds. */
        @Nullable
        private Duration shutdownTimeout;

        /** How long connecting to a target may take. */
        private Duration connectTimeout = Duration.ofSeconds(10);

        /** How long to wait for a target's answer. */
        private Duration responseTimeout = Duration.ofSeconds(30);

        private final Retry retry = new Retry();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getWorkers() {
            return workers;
        }

        public void setWorkers(int workers) {
            this.workers = workers;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        @Nullable
        public Duration getLease() {
            return lease;
        }

        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }

        @Nullable
        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getResponseTimeout() {
            return responseTimeout;
        }

        public void setResponseTimeout(Duration responseTimeout) {
            this.responseTimeout = responseTimeout;
        }

        public Retry getRetry() {
            return retry;
        }
    }

    /** {@code webriskops.webhooks.sender.retry.*}: the retry policy. */
    public static class Retry {
        /** Most attempts per round, the first included. */
        private int maxAttempts = 8;

        /** Latest start of a retry, counted from the round's first attempt. */
        private Duration maxAge = Duration.ofHours(24);

        /** Backoff after the first failure, before jitter. */
        private Duration initialBackoff = Duration.ofSeconds(10);

        /** Longest backoff, before jitter. */
        private Duration maxBackoff = Duration.ofMinutes(30);

        /** Longest Retry-After honoured. */
        private Duration retryAfterCap = Duration.ofHours(1);

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public Duration getMaxAge() {
            return maxAge;
        }

        public void setMaxAge(Duration maxAge) {
            this.maxAge = maxAge;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Duration getRetryAfterCap() {
            return retryAfterCap;
        }

        public void setRetryAfterCap(Duration retryAfterCap) {
            this.retryAfterCap = retryAfterCap;
        }
    }

    /** {@code webriskops.webhooks.health.*}: the actuator health contributor. */
    public static class Health {
        /** Whether the webriskopsWebhooks health contributor is registered (with the actuator). */
        private boolean enabled = true;

        /** The oldest due delivery may wait this long past its due time before health reports DOWN. */
        private Duration maxOldestDueLag = Duration.ofMinutes(5);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getMaxOldestDueLag() {
            return maxOldestDueLag;
        }

        public void setMaxOldestDueLag(Duration maxOldestDueLag) {
            this.maxOldestDueLag = maxOldestDueLag;
        }
    }

    /** {@code webriskops.webhooks.metrics.*}: Micrometer meters. */
    public static class Metrics {
        /** Whether the kit's meters are bound when Micrometer and a MeterRegistry are present. */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
