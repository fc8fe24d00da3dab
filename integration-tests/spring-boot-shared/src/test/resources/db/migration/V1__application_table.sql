-- The application's own Flyway migration: the kit's stores must leave this history alone.
CREATE TABLE application_orders (id BIGINT PRIMARY KEY, note VARCHAR(100));
