-- Messages waiting to be delivered. A row is written in the same transaction as the step that produced it;
-- workers on any node claim rows with FOR UPDATE SKIP LOCKED and a lease: a worker that dies mid-send leaves
-- a lease that expires, and the row is claimed again (the Message-ID comes from idempotency_key, so the
-- resend is recognisable as the same message). The payload is PHI and is encrypted.
create table outbox_message (
    id               text primary key,
    idempotency_key  text        not null unique,
    patient_id       text,
    status           text        not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null,
    lease_until      timestamptz,
    payload_ct       bytea       not null,
    last_outcome     text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index outbox_due on outbox_message (next_attempt_at) where status in ('QUEUED', 'RETRY', 'SENDING');
