-- WebRiskOps webhooks: stored answers of idempotent API requests (Idempotency-Key).
-- ${table_prefix} is a Flyway placeholder (e.g. "webhook_"). Times are epoch milliseconds (UTC).
-- A row is a running claim (token set, status_code/content_type/body NULL) or a stored answer
-- (token NULL); expires_at_ms is the claim's lease end or the answer's time-to-live end.
-- fingerprint is the hex SHA-256 of the first request's method, path and body hash.

CREATE TABLE ${table_prefix}idempotent_responses (
    scope         VARCHAR(128) NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    token         VARCHAR(36),
    expires_at_ms BIGINT       NOT NULL,
    status_code   INTEGER,
    content_type  VARCHAR(255),
    body          BYTEA,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ${table_prefix}idempotent_responses_expiry ON ${table_prefix}idempotent_responses (expires_at_ms);
