-- Journeys started through POST /api/v1/journeys under a caller's reference: the same reference again starts
-- nothing new. The row is written in the transaction that starts the journey, so two concurrent requests with
-- one reference start one journey (the second waits on the key, then reads the first's journey).
create table journey_start (
    reference   text primary key,
    journey_id  text,
    created_at  timestamptz not null
);
