-- The legal-officer workflow: assignment, refusal proposals, one extension per round, objections.
alter table screening_case
    add column assignee           text,
    add column assignee_name      text,
    add column extended           boolean not null default false,
    add column proposed_by        text,
    add column proposal_reasoning text,
    add column objection_count    integer not null default 0,
    add column objection_grounds  text;
create index screening_case_queue on screening_case (decision_due, id)
    where status in ('FLAGGED', 'IN_REVIEW', 'REFUSAL_PROPOSED', 'OBJECTED');

alter table decision
    add column kind         text not null default 'AUTOMATED',
    add column confirmed_by text,
    add column supersedes   uuid references decision (id);

-- Every action on a case: who (an officer id, the institution, or the system), when, what and why.
create table case_history (
    id          bigserial primary key,
    case_id     uuid        not null references screening_case (id),
    at          timestamptz not null,
    actor       text        not null,
    actor_name  text,
    action      text        not null,
    from_status text,
    to_status   text,
    reasoning   text
);
create index case_history_case on case_history (case_id, id);
