-- WebRiskOps webhooks: the receiver stores namespaced keys ("<scheme>:<namespace>:<key>", at most
-- 64 + 1 + 64 + 1 + 255 characters), so that two schemes or two endpoints sharing these tables
-- never answer each other's nonces or idempotency keys. Rows written before this version hold bare
-- keys: new deliveries no longer match them, and they are purged when they expire.
--
-- The keys become VARBINARY: compared byte for byte with no padding, on MariaDB and MySQL alike
-- (ascii_bin is a PAD SPACE collation, under which "k" and "k " were the same key).
ALTER TABLE ${table_prefix}nonces MODIFY nonce VARBINARY(512) NOT NULL;
ALTER TABLE ${table_prefix}idempotency_keys MODIFY idem_key VARBINARY(512) NOT NULL;
