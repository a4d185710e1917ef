-- The figures page reads receipt time, triage outcome, institution, areas and deadline of every case of the
-- last year: one index holds them all, so the counts are index-only scans, not reads of the wide
-- case rows. It has the re-screening cursor's key (received_at, id) and replaces that index.
create index screening_case_received on screening_case (received_at, id)
    include (triaged_as, institution, area_codes, decision_due);
drop index screening_case_rescreening;
