-- WebRiskOps webhooks: the payload check's verdict, recorded with each delivery when it is enqueued
-- (Delivery.judgePayload), so attempts skip the payload scan while the verdict still holds for the
-- export and the target's current signing secrets. NULL: not judged safe (or enqueued before this
-- migration); such deliveries are scanned on every attempt, as before.
-- The value is a keyed fingerprint ("v1:" and 43 base64url characters); it reveals no secret.
-- V7 and V8 are reserved for other changes of the kit. ${table_prefix} is a Flyway placeholder.
ALTER TABLE ${table_prefix}deliveries ADD COLUMN payload_verdict VARCHAR(64);
