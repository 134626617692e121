-- The Message-ID each message left with, so a bounce report (RFC 3464) that quotes it finds the message.
alter table outbox_message add column message_id text;
-- Each claim has a token: a worker renews its lease with it just before sending, and a worker whose lease
-- expired and was taken over finds out there and does not send.
alter table outbox_message add column lease_token text;
create index outbox_by_message_id on outbox_message (message_id) where message_id is not null;

-- A patient's address that must not be written to again: it bounced for good (no such mailbox, mailbox
-- disabled). The address is PHI and kept encrypted; it is compared with the patient's current address, so a
-- patient who gives a new address is written to again. An operator may lift a suppression.
create table address_suppression (
    patient_id   text        primary key,
    email_ct     bytea       not null,
    reason       text        not null,
    status_code  text,
    source       text        not null,
    message_id   text,
    created_at   timestamptz not null
);
