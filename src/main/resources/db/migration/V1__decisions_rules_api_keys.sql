-- Every decision, as it was made: the rules version and the rules that fired stay readable for reports;
-- request and response carry PHI and are stored encrypted (AES-GCM, see FieldCipher).
create table decision (
    id                  text primary key,
    decided_at          timestamptz not null,
    rules_version       text        not null,
    rules_fired         text[]      not null,
    classification      text        not null,
    outcome             text        not null,
    delivery_path       text,
    request_ciphertext  bytea       not null,
    response_ciphertext bytea       not null
);
create index decision_decided_at on decision (decided_at);

-- Every rule book that compiled and served, so a decision can be explained and replayed with the exact
-- rules it was made on, and a restart with broken files keeps serving the last good version.
create table rule_book_version (
    version     text primary key,
    accepted_at timestamptz not null,
    files       jsonb       not null
);

-- API keys: only a SHA-256 of the secret is kept.
create table api_key (
    id          text primary key,
    name        text        not null,
    secret_hash text        not null unique,
    roles       text[]      not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz
);
