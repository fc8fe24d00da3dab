-- WebRiskOps webhooks: what the operator dashboard reads and writes.
-- ${table_prefix} is a Flyway placeholder. Times are epoch milliseconds (UTC).
-- The dashboard pages one owner's deliveries newest first by id (keyset paging: id < last seen),
-- optionally by status or target, counts them by status, and charts the last hour's attempts by
-- their end time; these indexes keep each of those a range scan whatever the outbox's size.
CREATE INDEX ${table_prefix}deliveries_owner ON ${table_prefix}deliveries (owner, id);
CREATE INDEX ${table_prefix}deliveries_owner_status ON ${table_prefix}deliveries (owner, status, id);
CREATE INDEX ${table_prefix}deliveries_owner_target ON ${table_prefix}deliveries (owner, target_id, id);
CREATE INDEX ${table_prefix}deliveries_owner_created ON ${table_prefix}deliveries (owner, created_at_ms);
CREATE INDEX ${table_prefix}delivery_attempts_finished ON ${table_prefix}delivery_attempts (finished_at_ms);

-- Every action an operator took through the dashboard (retry now, cancel a retry, re-approve,
-- download a fallback, disable a target): who, on what, when, and whether it changed anything.
-- Never a token or a secret.
CREATE TABLE ${table_prefix}dashboard_actions (
    id           BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    owner        VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    actor        VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    action       VARCHAR(32)  NOT NULL,
    subject_type VARCHAR(16)  NOT NULL,
    subject_id   BIGINT       NOT NULL,
    outcome      VARCHAR(32)  NOT NULL,
    at_ms        BIGINT       NOT NULL
) ENGINE = InnoDB;
CREATE INDEX ${table_prefix}dashboard_actions_subject ON ${table_prefix}dashboard_actions (owner, subject_type, subject_id, id);
