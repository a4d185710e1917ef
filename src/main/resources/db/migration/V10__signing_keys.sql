-- The log's signing keys and the sequences each signs. The first key signs from sequence 1; each
-- rotation is an event on the log (KEY_ROTATED), signed by the old key, after which the new key signs.
-- A key may come back after another (a rotation undone), so the period, not the key, is the row.
create table audit_signing_key (
    valid_from_sequence  bigint      primary key,
    kid                  text        not null,
    public_key           text        not null,
    valid_until_sequence bigint,
    introduced_at        timestamptz not null
);
