-- Keys patients register for end-to-end encryption (S/MIME certificates, OpenPGP public keys). Certificates
-- and user ids carry names and addresses, so the key is encrypted; the evidence (serial, fingerprints) is not.
create table recipient_key (
    id             text primary key,
    patient_id     text        not null,
    kind           text        not null,
    source         text        not null,
    key_ct         bytea       not null,
    evidence       text        not null,
    registered_at  timestamptz not null,
    withdrawn_at   timestamptz
);
create index recipient_key_patient on recipient_key (patient_id);
