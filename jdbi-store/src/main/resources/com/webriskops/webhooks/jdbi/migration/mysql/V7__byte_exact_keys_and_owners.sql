-- WebRiskOps webhooks: every key and owner the stores look rows up by is compared byte for byte.
-- ascii_bin and utf8mb4_bin are PAD SPACE collations on MariaDB (and before MySQL 8's 0900
-- collations), under which "k" and "k " are the same key and "alice " reads alice's rows. V5 made
-- the receiver's keys VARBINARY; this does the same for the API's idempotent responses, the
-- outbox's idempotency keys and the owners of targets and deliveries (UTF-8 bytes, up to 4 per
-- character). Existing values keep their bytes.
-- ${table_prefix} is a Flyway placeholder.
ALTER TABLE ${table_prefix}idempotent_responses
    MODIFY scope VARBINARY(512) NOT NULL,
    MODIFY idem_key VARBINARY(255) NOT NULL;
ALTER TABLE ${table_prefix}deliveries
    MODIFY idempotency_key VARBINARY(255) NOT NULL,
    MODIFY owner VARBINARY(512) NOT NULL DEFAULT 'default';
ALTER TABLE ${table_prefix}export_targets
    MODIFY owner VARBINARY(512) NOT NULL DEFAULT 'default';
