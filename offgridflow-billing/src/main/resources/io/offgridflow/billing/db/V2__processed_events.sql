-- Webhook events claimed or applied. The primary key is the deduplication: of concurrent deliveries
-- of one event, exactly one INSERT succeeds.
CREATE TABLE billing_processed_event (
  event_id   text        PRIMARY KEY,
  event_type text        NOT NULL,
  claimed_at timestamptz NOT NULL,
  applied_at timestamptz
);
CREATE INDEX billing_processed_event_applied_at ON billing_processed_event (applied_at);
