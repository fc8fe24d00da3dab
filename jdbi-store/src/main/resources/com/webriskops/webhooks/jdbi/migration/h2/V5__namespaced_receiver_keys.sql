-- WebRiskOps webhooks: the receiver stores namespaced keys ("<scheme>:<namespace>:<key>", at most
-- 64 + 1 + 64 + 1 + 255 characters), so that two schemes or two endpoints sharing these tables
-- never answer each other's nonces or idempotency keys. Rows written before this version hold bare
-- keys: new deliveries no longer match them, and they are purged when they expire.
ALTER TABLE ${table_prefix}nonces ALTER COLUMN nonce SET DATA TYPE VARCHAR(512);
ALTER TABLE ${table_prefix}idempotency_keys ALTER COLUMN idem_key SET DATA TYPE VARCHAR(512);
