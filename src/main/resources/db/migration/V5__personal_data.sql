-- Personal data from receipt to erasure (issue 17).

-- Every case has a retention end once it reaches a final state: computed by the case lifecycle from
-- its last event (decision, withdrawal, end of the objection period, decision on an objection) and the
-- retention period of its kind in the case's policy. Open cases have none.
alter table screening_case
    add column retention_kind      text,
    add column retention_starts_at timestamptz,
    add column retention_ends_at   timestamptz,
    add column erased_at           timestamptz,
    alter column request_hash drop not null;
create index screening_case_retention on screening_case (retention_ends_at) where erased_at is null;

-- Cases that were final before this migration: the start is their last change, or the end of the
-- objection period of their last decision when that is later; the policy's years apply (5 by default).
update screening_case c set
    retention_kind = case c.status when 'WITHDRAWN' then 'WITHDRAWN' when 'REFUSED' then 'REFUSED' else 'DECIDED' end,
    retention_starts_at = greatest(c.updated_at,
        coalesce((select max(d.decided_at) from decision d where d.case_id = c.id), c.updated_at) + interval '6 weeks')
where c.status in ('NOT_REQUIRED', 'CLEARED', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'REFUSED', 'WITHDRAWN');
update screening_case c set retention_ends_at = c.retention_starts_at + make_interval(years =>
    coalesce((select (p.document::jsonb -> 'retention' ->> 'personalDataYears')::int from policy_version p
              where p.version = c.policy_version), 5))
where c.retention_starts_at is not null;
-- Erasures before this migration nulled the key; they are erased cases.
update screening_case c set erased_at = k.erased_at from case_key k where k.case_id = c.id and k.erased_at is not null;

-- Case keys are stored wrapped (AES-GCM) by a key-encryption key that lives outside the database and
-- rotates monthly; key_bytes only holds keys written before this migration until the service wraps them
-- at start.
alter table case_key
    add column kek_id      text,
    add column wrapped_key bytea;
create index case_key_kek on case_key (kek_id) where wrapped_key is not null;

-- The service's own link between cases of one person: a keyed hash of name and date of birth under a
-- key held outside the database. Only here, never on the log; deleted with the case's personal data.
create table subject_link (
    case_id uuid primary key references screening_case (id),
    link    char(64) not null
);
create index subject_link_link on subject_link (link);
