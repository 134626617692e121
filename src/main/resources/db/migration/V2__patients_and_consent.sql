-- The patient registry. Every PHI column is AES-GCM ciphertext (FieldCipher); email_lookup is an HMAC of
-- the normalised email under a key derived from the data key, so a patient is found by email without
-- decrypting the table.
create table patient (
    id                 text primary key,
    email_lookup       bytea unique,
    name_ct            bytea,
    email_ct           bytea,
    birth_date_ct      bytea,
    sex_ct             bytea,
    postal_code_ct     bytea,
    clinical_ct        bytea,
    marketing_opt_out  boolean     not null default false,
    consent_ct         bytea,
    created_at         timestamptz not null,
    updated_at         timestamptz not null
);

-- Authorizations (45 CFR 164.508) as recorded, defects and all, and their revocations. Both are kept for
-- six years (164.530(j)): the triggers below refuse every update and delete.
create table authorization_record (
    id           text primary key,
    patient_id   text        not null references patient (id),
    recorded_at  timestamptz not null,
    recorded_by  text        not null,
    content_ct   bytea       not null
);
create index authorization_record_patient on authorization_record (patient_id);

create table authorization_revocation (
    authorization_id text primary key references authorization_record (id),
    received_at      timestamptz not null,
    recorded_at      timestamptz not null,
    recorded_by      text        not null
);

create function refuse_change_of_kept_record() returns trigger language plpgsql as $$
begin
    raise exception '% on % refused: authorizations and revocations are kept for six years (45 CFR 164.530(j))',
        tg_op, tg_table_name;
end $$;

create trigger authorization_record_kept before update or delete on authorization_record
    for each row execute function refuse_change_of_kept_record();
create trigger authorization_revocation_kept before update or delete on authorization_revocation
    for each row execute function refuse_change_of_kept_record();

-- Every read of a patient's PHI through the API: who, when, which patient, what was read.
create table phi_access (
    at          timestamptz not null,
    actor       text        not null,
    patient_id  text        not null,
    action      text        not null
);
create index phi_access_patient on phi_access (patient_id, at);
