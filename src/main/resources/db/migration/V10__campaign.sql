-- Campaigns: one journey started for many patients, in batches, by a launcher on any node. These tables hold no
-- PHI: patient ids (opaque registry ids), the process key, and the communication facts (purpose, sponsor,
-- remuneration, ...), which describe the message, not a person.
create table campaign (
    id              text primary key,           -- the caller's campaign id; also the prefix of business keys
    process_key     text        not null,
    segment_id      text,                       -- null when started from a list of patient ids
    communication   jsonb       not null,
    state           text        not null check (state in ('AWAITING_APPROVAL', 'LAUNCHING', 'LAUNCHED', 'REJECTED',
                                                          'CANCELLING', 'CANCELLED')),
    member_count    int         not null,
    created_by      text        not null,
    created_at      timestamptz not null,
    reviewed_by     text,                       -- who approved or rejected it (never its creator)
    reviewed_at     timestamptz,
    launched_at     timestamptz,                -- every member started, skipped or failed
    cancelled_by    text,
    cancelled_at    timestamptz,
    delete_batch_id text                        -- the Camunda batch that ends the running instances on cancel
);

-- One row per patient: the launcher takes PENDING rows with FOR UPDATE SKIP LOCKED, in seq order, so several
-- nodes share a campaign; a row becomes STARTED in the transaction that started its process instance.
create table campaign_member (
    campaign_id         text not null references campaign (id),
    patient_id          text not null,
    seq                 int  not null,
    state               text not null check (state in ('PENDING', 'STARTED', 'SKIPPED', 'FAILED', 'CANCELLED')),
    process_instance_id text,
    reason              text,                   -- a fixed text ("unknown patient", an exception's class), no value
    primary key (campaign_id, patient_id)
);
create index campaign_member_pending on campaign_member (campaign_id, seq) where state = 'PENDING';
create index campaign_member_state on campaign_member (campaign_id, state);
