-- One row per tenant: the subscription state the webhooks and the host left it in.
-- The *_version columns hold the Stripe event "created" time (epoch seconds) of the newest event
-- applied for each kind of object; older events are recognised as stale by comparing against them.
CREATE TABLE billing_state (
  tenant_id               text        PRIMARY KEY,
  customer_id             text        UNIQUE,
  subscription_id         text,
  status                  text        NOT NULL,
  plan_id                 text        NOT NULL,
  trial_end               timestamptz,
  current_period_start    timestamptz,
  current_period_end      timestamptz,
  cancel_at_period_end    boolean     NOT NULL DEFAULT false,
  payment_failed_at       timestamptz,
  payment_action_required boolean     NOT NULL DEFAULT false,
  stripe_entitlements     text[]      NOT NULL DEFAULT '{}',
  customer_version        bigint      NOT NULL DEFAULT 0,
  subscription_version    bigint      NOT NULL DEFAULT 0,
  invoice_version         bigint      NOT NULL DEFAULT 0,
  entitlements_version    bigint      NOT NULL DEFAULT 0,
  updated_at              timestamptz NOT NULL DEFAULT now()
);
