-- What an institution's HR system learns of its cases (issue 18).

-- One event per transition an institution may see, written in the transition's transaction. The
-- sequencer gives each its place in the institution's gap-free sequence shortly after commit.
create table institution_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    institution text        not null,
    case_id     uuid        not null references screening_case (id),
    type        text        not null,
    body        text        not null,
    occurred_at timestamptz not null,
    sequence    bigint,
    constraint institution_event_sequence unique (institution, sequence)
);
create index institution_event_unsequenced on institution_event (id) where sequence is null;
create index institution_event_case on institution_event (case_id);

-- Lists filtered by "changed since".
create index screening_case_updated on screening_case (institution, updated_at, id);

-- An HR system's webhook endpoint. The secret signs deliveries (Standard Webhooks); during a
-- rotation the previous one signs too until it expires. delivered_through is the highest sequence
-- handled (delivered, or not of a type the endpoint wants).
create table webhook_subscription (
    id                       uuid primary key,
    institution              text        not null,
    url                      text        not null,
    event_types              text,
    secret                   text        not null,
    previous_secret          text,
    previous_secret_until    timestamptz,
    status                   text        not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED', 'DELETED')),
    disabled_reason          text,
    created_at               timestamptz not null,
    delivered_through        bigint      not null
);
create index webhook_subscription_institution on webhook_subscription (institution) where status <> 'DELETED';

-- One row per event and endpoint: attempts, the last response and when to try again.
create table webhook_delivery (
    subscription_id  uuid        not null references webhook_subscription (id),
    sequence         bigint      not null,
    event_id         uuid        not null,
    status           text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts         integer     not null default 0,
    last_status_code integer,
    last_error       text,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz not null,
    primary key (subscription_id, sequence)
);
create index webhook_delivery_pending on webhook_delivery (subscription_id, sequence) where status = 'PENDING';
