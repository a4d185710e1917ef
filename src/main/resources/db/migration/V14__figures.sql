-- The figures a head of unit reports (issue 21), computed by SQL over indexed columns: the outcome
-- triage gave at receipt and the sensitive areas the request touched, kept beside the assessment so
-- that counting them never parses JSON.
alter table screening_case
    add column triaged_as text,
    add column area_codes text[] not null default '{}';
update screening_case set
    triaged_as = assessment::jsonb ->> 'outcome',
    area_codes = array(select jsonb_array_elements(assessment::jsonb -> 'sensitiveAreas') ->> 'code');
alter table screening_case alter column triaged_as set not null;

-- Decisions and alerts by when they were taken, for the per-week and per-month series.
create index decision_decided on decision (decided_at) include (case_id, outcome, kind);
create index rescreening_alert_raised on rescreening_alert (raised_at);
