-- WebRiskOps webhooks: the ticket-export API's targets (settings only).
-- ${table_prefix} is a Flyway placeholder. Times are epoch milliseconds (UTC).
-- No secret is ever stored here: signing secrets are credentials, held by the application's
-- credential provider (its vault), looked up by target id at attempt time.
-- private_network_allowlist holds canonical CIDRs separated by commas, or is empty.
-- disabled_at_ms is set once the target is disabled; a disabled target receives no delivery.
CREATE TABLE ${table_prefix}export_targets (
    id                        BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    provider_key              VARCHAR(64)   NOT NULL,
    base_url                  VARCHAR(2048) CHARACTER SET utf8mb4 NOT NULL,
    deployment_mode           VARCHAR(32)   NOT NULL,
    name                      VARCHAR(200)  CHARACTER SET utf8mb4 NULL,
    signing_enabled           BOOLEAN       NOT NULL,
    private_network_policy    VARCHAR(32)   NOT NULL,
    private_network_allowlist VARCHAR(4000) NOT NULL,
    disabled_at_ms            BIGINT        NULL,
    created_at_ms             BIGINT        NOT NULL,
    updated_at_ms             BIGINT        NOT NULL
) ENGINE = InnoDB;
