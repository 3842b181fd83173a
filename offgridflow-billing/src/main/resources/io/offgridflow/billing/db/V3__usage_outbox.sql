-- Metered usage waiting to be sent to Stripe as meter events; rows stay until sent or rejected.
CREATE TABLE billing_usage_outbox (
  identifier    text        PRIMARY KEY,
  tenant_id     text        NOT NULL,
  event_name    text        NOT NULL,
  value         bigint      NOT NULL CHECK (value > 0),
  occurred_at   timestamptz NOT NULL,
  sent_at       timestamptz,
  rejected_at   timestamptz,
  reject_reason text
);
CREATE INDEX billing_usage_outbox_pending ON billing_usage_outbox (occurred_at, identifier)
  WHERE sent_at IS NULL AND rejected_at IS NULL;
