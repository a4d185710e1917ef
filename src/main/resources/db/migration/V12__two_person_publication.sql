-- Publication takes two policy administrators: one proposes (PROPOSED), another confirms (PUBLISHED).
-- A version published for a future date may be cancelled before it takes effect (CANCELLED); it stays
-- as part of the record, like every published version.
alter table policy_version drop constraint policy_version_status_check;
alter table policy_version add constraint policy_version_status_check
    check (status in ('DRAFT', 'PROPOSED', 'PUBLISHED', 'CANCELLED'));
alter table policy_version drop constraint policy_version_check;
alter table policy_version add constraint policy_version_check
    check (status in ('DRAFT', 'PROPOSED') or effective_from is not null);
alter table policy_version add column proposed_by text;
alter table policy_version add column proposed_at timestamptz;
alter table policy_version add column proposed_effective_from timestamptz;
alter table policy_version add column proposed_hash char(64);
alter table policy_version add column cancelled_by text;
alter table policy_version add column cancelled_at timestamptz;
