-- Key rotation re-encrypts the stored authorization: the one change allowed to a kept authorization is a
-- new ciphertext of its content. Every other update, and every delete, is still refused; revocations stay
-- untouchable.
create function refuse_change_of_authorization_but_reencryption() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.id = old.id and new.patient_id = old.patient_id
            and new.recorded_at = old.recorded_at and new.recorded_by = old.recorded_by then
        return new;
    end if;
    raise exception '% on % refused: authorizations and revocations are kept for six years (45 CFR 164.530(j))',
        tg_op, tg_table_name;
end $$;

drop trigger authorization_record_kept on authorization_record;
create trigger authorization_record_kept before update or delete on authorization_record
    for each row execute function refuse_change_of_authorization_but_reencryption();
