-- Messages waiting in the secure portal. The message is encrypted; the link the patient gets carries a
-- random token of which only a SHA-256 is kept, usable once, until it expires. delivery_key makes a retried
-- delivery deposit the same message once (with a fresh link).
create table portal_message (
    id             text primary key,
    delivery_key   text        not null unique,
    patient_id     text        not null,
    message_ct     bytea       not null,
    token_hash     bytea       not null unique,
    expires_at     timestamptz not null,
    code_hash      bytea,
    code_expires_at timestamptz,
    code_attempts  int         not null default 0,
    opened_at      timestamptz,
    created_at     timestamptz not null
);
create index portal_message_patient on portal_message (patient_id);
