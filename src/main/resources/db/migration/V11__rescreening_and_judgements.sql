-- Re-screening: when a policy version takes effect, open cases and positive decisions whose position
-- runs on are assessed again with it. One run per version; its cursor makes it resumable.
create table rescreening_run (
    policy_version   text        primary key references policy_version (version),
    status           text        not null check (status in ('RUNNING', 'COMPLETED')),
    effective_from   timestamptz not null,
    look_back_from   timestamptz not null,
    counted          bigint      not null,
    reassessed       bigint      not null default 0,
    alerts           bigint      not null default 0,
    indicators_added bigint      not null default 0,
    after_received   timestamptz,
    after_id         uuid,
    started_at       timestamptz not null,
    finished_at      timestamptz
);

-- A re-screening alert on a decided case: the indicators the new version raised and the old did not.
-- Resolved by the officers' decision on it (the decision stands, or is revoked).
create table rescreening_alert (
    id               uuid        primary key,
    case_id          uuid        not null references screening_case (id),
    policy_version   text        not null,
    previous_version text        not null,
    indicators       text        not null,
    assessment_hash  char(64)    not null,
    raised_at        timestamptz not null,
    resolved_at      timestamptz,
    decision_id      uuid
);
create index rescreening_alert_case on rescreening_alert (case_id, raised_at);

alter table screening_case add column screened_version text;
update screening_case set screened_version = policy_version;
alter table screening_case alter column screened_version set not null;
alter table screening_case add column rescreen_alert_id uuid;
-- The last day of the position, read from the request once, so a run can skip ended positions by index.
alter table screening_case add column position_ends_on date;
update screening_case set position_ends_on = (request::jsonb -> 'position' ->> 'endDate')::date
    where request <> 'null' and request::jsonb -> 'position' ->> 'endDate' is not null;
create index screening_case_rescreening on screening_case (received_at, id);

-- Officers' judgements that a match is not the listed entity, keyed on the normalised matched text and
-- the list entry's id and content hash: when the entry changes, the judgement no longer applies.
create table judgement (
    id                     uuid        primary key,
    case_id                uuid        not null references screening_case (id),
    indicator_index        int         not null,
    institution            text        not null,
    scope                  text        not null check (scope in ('INSTITUTION', 'ALL')),
    verdict                text        not null check (verdict in ('NOT_THIS_ENTITY')),
    entity_id              text        not null,
    entity_hash            char(64)    not null,
    normalized_text        text        not null,
    policy_version         text        not null,
    valid_until            date        not null,
    status                 text        not null check (status in ('PROPOSED', 'ACTIVE', 'REJECTED', 'REVOKED')),
    reasoning              text,
    proposed_by            text        not null,
    proposed_by_name       text,
    proposed_at            timestamptz not null,
    confirmed_by           text,
    confirmed_by_name      text,
    confirmed_at           timestamptz,
    confirmation_reasoning text,
    revoked_by             text,
    revoked_by_name        text,
    revoked_at             timestamptz,
    revocation_reasoning   text
);
create index judgement_active on judgement (entity_id) where status = 'ACTIVE';
