-- WebRiskOps webhooks: stored answers of idempotent API requests (Idempotency-Key), MySQL/MariaDB.
-- ${table_prefix} is a Flyway placeholder (e.g. "webhook_"). Times are epoch milliseconds (UTC).
-- A row is a running claim (token set, status_code/content_type/body NULL) or a stored answer
-- (token NULL); expires_at_ms is the claim's lease end or the answer's time-to-live end.
-- fingerprint is the hex SHA-256 of the first request's method, path and body hash.
-- Scopes, keys and tokens are compared byte for byte (ascii_bin). MEDIUMBLOB holds up to 16 MiB,
-- the largest stored body IdempotentRequests allows.

CREATE TABLE ${table_prefix}idempotent_responses (
    scope         VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    idem_key      VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    fingerprint   VARCHAR(64)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    token         VARCHAR(36)  CHARACTER SET ascii COLLATE ascii_bin NULL,
    expires_at_ms BIGINT       NOT NULL,
    status_code   INT          NULL,
    content_type  VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    body          MEDIUMBLOB   NULL,
    PRIMARY KEY (scope, idem_key),
    INDEX ${table_prefix}idempotent_responses_expiry (expires_at_ms)
) ENGINE = InnoDB;
