-- One running replay per auditor (issue 22): a second start while one runs is refused with 429, on every
-- replica alike, because the database refuses the second RUNNING row.
create unique index replay_job_one_running_per_auditor on replay_job (requested_by) where status = 'RUNNING';
