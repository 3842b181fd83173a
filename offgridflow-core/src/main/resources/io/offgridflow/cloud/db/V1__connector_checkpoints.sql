-- OffGridFlow connector checkpoints, schema version 1. Applied (idempotently) by
-- PostgresConnectorStateStore.migrate(DataSource); Flyway or Liquibase users may apply it themselves.
-- Objects are created in the connection's current schema.
CREATE TABLE IF NOT EXISTS ogf_connector_checkpoints (
  connector_id text        NOT NULL,
  source_key   text        NOT NULL,
  fingerprint  text        NOT NULL,
  rows_counted bigint      NOT NULL CHECK (rows_counted >= 0),
  completed_at timestamptz NOT NULL,
  PRIMARY KEY (connector_id, source_key)
);
