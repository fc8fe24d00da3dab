-- WebRiskOps webhooks: replay (nonce) and duplicate-guard (idempotency key) state.
-- ${table_prefix} is a Flyway placeholder: set it (e.g. "webhook_") when including these files
-- in your own Flyway configuration. Times are epoch milliseconds (UTC), so no time zone applies.

CREATE TABLE ${table_prefix}nonces (
    nonce         VARCHAR(128) NOT NULL PRIMARY KEY,
    expires_at_ms BIGINT       NOT NULL
);
CREATE INDEX ${table_prefix}nonces_expiry ON ${table_prefix}nonces (expires_at_ms);

-- token is the claim's token while the key is being handled, NULL once it is completed;
-- expires_at_ms is the lease end of a claim or the retention end of a completed key.
CREATE TABLE ${table_prefix}idempotency_keys (
    idem_key      VARCHAR(255) NOT NULL PRIMARY KEY,
    token         VARCHAR(36),
    expires_at_ms BIGINT       NOT NULL
);
CREATE INDEX ${table_prefix}idempotency_keys_expiry ON ${table_prefix}idempotency_keys (expires_at_ms);
