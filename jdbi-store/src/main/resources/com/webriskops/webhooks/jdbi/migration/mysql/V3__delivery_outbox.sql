-- WebRiskOps webhooks: the sender's outbox (deliveries and their attempt logs), MariaDB 10.6+.
-- ${table_prefix} is a Flyway placeholder. Times are epoch milliseconds (UTC).
-- No secret is stored: targets are looked up by target_id at attempt time.
-- V2 is reserved for other tables of the kit.

-- due_at_ms is when the delivery may be claimed: next_attempt_at_ms while pending or
-- retry_scheduled, lease_expires_at_ms while sending, NULL once terminal (exported, blocked,
-- failed). fencing_token is raised by every claim; write-backs carry it in their WHERE clause.
-- status_before_claim is what a release gives back; log_count numbers the attempt log's rows.
-- Idempotency keys are compared byte for byte (ascii_bin).
CREATE TABLE ${table_prefix}deliveries (
    id                  BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    idempotency_key     VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    target_id           BIGINT       NOT NULL,
    provider_key        VARCHAR(64)  NOT NULL,
    signing_status      VARCHAR(32)  NOT NULL,
    export_json         MEDIUMTEXT   CHARACTER SET utf8mb4 NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    status_before_claim VARCHAR(32)  NULL,
    attempts            INT          NOT NULL,
    round_attempts      INT          NOT NULL,
    round_started_at_ms BIGINT       NULL,
    next_attempt_at_ms  BIGINT       NULL,
    lease_owner         VARCHAR(128) CHARACTER SET utf8mb4 NULL,
    lease_expires_at_ms BIGINT       NULL,
    due_at_ms           BIGINT       NULL,
    fencing_token       BIGINT       NOT NULL,
    log_count           INT          NOT NULL,
    created_at_ms       BIGINT       NOT NULL,
    updated_at_ms       BIGINT       NOT NULL,
    UNIQUE KEY ${table_prefix}deliveries_key (idempotency_key),
    INDEX ${table_prefix}deliveries_due (due_at_ms, id),
    INDEX ${table_prefix}deliveries_status (status, id)
) ENGINE = InnoDB;

-- The latest attempts of each delivery (the store keeps a bounded number), log_seq from log_count.
CREATE TABLE ${table_prefix}delivery_attempts (
    delivery_id      BIGINT        NOT NULL,
    log_seq          INT           NOT NULL,
    attempt          INT           NOT NULL,
    status           VARCHAR(32)   NOT NULL,
    code             VARCHAR(128)  NULL,
    http_status      INT           NULL,
    message          VARCHAR(1024) CHARACTER SET utf8mb4 NOT NULL,
    retry_after_ms   BIGINT        NULL,
    response_snippet MEDIUMTEXT    CHARACTER SET utf8mb4 NULL,
    request_sent     BOOLEAN       NOT NULL,
    started_at_ms    BIGINT        NOT NULL,
    finished_at_ms   BIGINT        NOT NULL,
    PRIMARY KEY (delivery_id, log_seq),
    CONSTRAINT ${table_prefix}delivery_attempts_delivery FOREIGN KEY (delivery_id)
        REFERENCES ${table_prefix}deliveries (id) ON DELETE CASCADE
) ENGINE = InnoDB;
