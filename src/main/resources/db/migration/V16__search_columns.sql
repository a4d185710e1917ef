-- The console's search box over 100,000 cases (issue 21): every alternative of the box is an indexed
-- column, so that PostgreSQL combines index scans instead of reading every case's JSON. The columns
-- are generated from the stored request and assessment, so they follow every change of those
-- (re-screening adds indicators; erasure replaces the request) without code that must remember them.

-- The list entries an assessment's indicators name.
create function screening_list_entries(assessment text) returns text[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(distinct i ->> 'listEntry') filter (where i ->> 'listEntry' is not null), '{}')
    from jsonb_array_elements(cast(assessment as jsonb) -> 'indicators') i
$$;

-- 0 when an indicator names a very high listed risk, 1 a high one, 2 any other indicator, 3 none:
-- the queue's and archive's order "highest risk first".
create function screening_risk_rank(assessment text) returns int language sql immutable strict parallel safe as $$
    select coalesce(min(case i ->> 'riskLevel' when 'VERY_HIGH' then 0 when 'HIGH' then 1 else 2 end), 3)
    from jsonb_array_elements(cast(assessment as jsonb) -> 'indicators') i
$$;

alter table screening_case
    add column list_entries text[] generated always as (screening_list_entries(assessment)) stored,
    add column risk_rank int generated always as (screening_risk_rank(assessment)) stored,
    -- Personal data: the candidate's name, lower-cased, for officers' prefix search. Erasure replaces the
    -- request with 'null', and this column becomes null with it (privacy.ErasureInventory).
    add column candidate_name text generated always as
        (lower(cast(request as jsonb) -> 'candidate' ->> 'fullName')) stored;

create index screening_case_external_reference on screening_case (external_reference);
create index screening_case_list_entries on screening_case using gin (list_entries);
create index screening_case_area_codes on screening_case using gin (area_codes);
create index screening_case_candidate_name on screening_case (candidate_name text_pattern_ops);
