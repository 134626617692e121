-- The exact process version a campaign runs: the one deployed when it was recorded, which is the one its
-- reviewer approved. A designer's later change to the journey does not reach a campaign already under way.
alter table campaign add column process_definition_id text;
