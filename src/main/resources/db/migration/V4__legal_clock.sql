-- Periods as the Awb and the Algemene termijnenwet count them. decision_due stays the instant the
-- period ends (the end of its last day in Amsterdam); due_nominal is its last day before the act
-- moved it off a closed day, which suspensions and extensions count from.
alter table screening_case
    add column due_nominal               date,
    add column extension_reason          text,
    add column objection_received_at     timestamptz,
    add column late_objection_grounds    text,
    add column late_objection_received_at timestamptz;
update screening_case set due_nominal = ((decision_due - interval '1 microsecond') at time zone 'Europe/Amsterdam')::date;
alter table screening_case alter column due_nominal set not null;

drop index screening_case_queue;
create index screening_case_queue on screening_case (decision_due, id)
    where status in ('FLAGGED', 'IN_REVIEW', 'INFORMATION_REQUESTED', 'REFUSAL_PROPOSED', 'OBJECTED');
-- Officers search decided cases too.
create index screening_case_status_due on screening_case (status, decision_due, id);

-- An officer's question to the institution (Awb 4:5), which suspends the decision period (4:15).
create table information_request (
    id             uuid primary key,
    case_id        uuid        not null references screening_case (id),
    question       text        not null,
    reply_by       date        not null,
    asked_by       text        not null,
    asked_by_name  text,
    asked_at       timestamptz not null,
    answer         text,
    closed_at      timestamptz,
    -- OPEN, ANSWERED or LAPSED (the reply-by date passed unused)
    state          text        not null default 'OPEN',
    suspended_days integer
);
create index information_request_case on information_request (case_id, asked_at);
create index information_request_open on information_request (reply_by) where state = 'OPEN';

-- Legal officers the service has seen, so that a team lead can assign a case by user name.
create table officer (
    id         text primary key,
    user_name  text not null,
    first_seen timestamptz not null
);
create index officer_user_name on officer (user_name, first_seen desc);
