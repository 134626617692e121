-- One-click unsubscribe (RFC 8058): each marketing message carries a random token; only its SHA-256 is
-- kept, with the patient it opts out. The token names no one and no topic.
create table unsubscribe_token (
    token_hash  bytea primary key,
    patient_id  text        not null,
    created_at  timestamptz not null,
    used_at     timestamptz
);
