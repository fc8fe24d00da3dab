-- WebRiskOps webhooks: every export target and every delivery belongs to an owner (the ticket-export
-- API's authorised caller, or the tenant the application resolves from it). Every call of the API
-- sees only its owner's rows; another owner's id reads exactly as an unknown id.
-- ${table_prefix} is a Flyway placeholder.
-- Rows that existed before this migration get the owner 'default' (TargetStore.DEFAULT_OWNER): an
-- application that had several callers reassigns them with an UPDATE of its own.
ALTER TABLE ${table_prefix}export_targets ADD COLUMN owner VARCHAR(128) NOT NULL DEFAULT 'default';
ALTER TABLE ${table_prefix}deliveries ADD COLUMN owner VARCHAR(128) NOT NULL DEFAULT 'default';
CREATE INDEX ${table_prefix}export_targets_owner ON ${table_prefix}export_targets (owner, id);
