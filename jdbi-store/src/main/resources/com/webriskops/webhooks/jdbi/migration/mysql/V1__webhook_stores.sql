-- WebRiskOps webhooks: replay (nonce) and duplicate-guard (idempotency key) state, MySQL/MariaDB.
-- ${table_prefix} is a Flyway placeholder: set it (e.g. "webhook_") when including these files
-- in your own Flyway configuration. Times are epoch milliseconds (UTC), so no time zone applies.
-- Keys are compared byte for byte (ascii_bin): nonces and idempotency keys are case-sensitive.

-- write_id is a random number written by whoever records or re-records the nonce, so that one
-- INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING statement tells the writer whether it won.
CREATE TABLE ${table_prefix}nonces (
    nonce         VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    write_id      BIGINT       NOT NULL,
    expires_at_ms BIGINT       NOT NULL,
    INDEX ${table_prefix}nonces_expiry (expires_at_ms)
) ENGINE = InnoDB;

-- token is the claim's token while the key is being handled, NULL once it is completed;
-- expires_at_ms is the lease end of a claim or the retention end of a completed key.
CREATE TABLE ${table_prefix}idempotency_keys (
    idem_key      VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
    token         VARCHAR(36)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    expires_at_ms BIGINT       NOT NULL,
    INDEX ${table_prefix}idempotency_keys_expiry (expires_at_ms)
) ENGINE = InnoDB;
