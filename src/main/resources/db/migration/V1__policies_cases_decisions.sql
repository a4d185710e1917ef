-- Policy versions: immutable once published; the document is stored in its canonical JSON form.
create table policy_version (
    version        text primary key,
    document       text        not null,
    content_hash   char(64)    not null,
    status         text        not null check (status in ('DRAFT', 'PUBLISHED')),
    effective_from timestamptz,
    created_at     timestamptz not null,
    created_by     text        not null,
    published_at   timestamptz,
    published_by   text,
    check (status = 'DRAFT' or effective_from is not null)
);
create index policy_version_effective on policy_version (effective_from) where status = 'PUBLISHED';

-- Screening cases. The unique constraint is what makes intake idempotent under concurrent duplicates.
create table screening_case (
    id                 uuid primary key,
    institution        text        not null,
    external_reference text        not null,
    request_hash       char(64)    not null,
    request            text        not null,
    status             text        not null,
    policy_version     text        not null references policy_version (version),
    policy_hash        char(64)    not null,
    assessment         text        not null,
    received_at        timestamptz not null,
    decision_due       timestamptz not null,
    updated_at         timestamptz not null,
    row_version        bigint      not null default 0,
    constraint screening_case_reference unique (institution, external_reference)
);
create index screening_case_institution_status on screening_case (institution, status, received_at desc, id);

-- Binding decisions, the automated ones and (later) the officers'; never updated, only added.
create table decision (
    id             uuid primary key,
    case_id        uuid        not null references screening_case (id),
    outcome        text        not null,
    reasoning      text        not null,
    conditions     text        not null default '[]',
    decided_by     text        not null,
    decided_at     timestamptz not null,
    policy_version text        not null,
    policy_hash    char(64)    not null
);
create index decision_case on decision (case_id, decided_at);
