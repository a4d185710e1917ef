-- The audit log's outbox: an event row is written in the same transaction as its decision or policy
-- publication; the single active relay gives it its place in the chain (sequence, previous hash,
-- hash, signature) before it is sent, so a resend after a crash is the same event.
create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    type        text        not null,
    record_key  text        not null,
    body        text        not null,
    created_at  timestamptz not null,
    sequence    bigint unique,
    hash        char(64),
    event       text,
    sent_at     timestamptz
);
create index outbox_unsequenced on outbox_event (id) where sequence is null;
create index outbox_unsent on outbox_event (sequence) where sequence is not null and sent_at is null;

-- The head of the chain: the last sequence given out and its hash.
create table audit_chain_head (
    id       integer primary key check (id = 1),
    sequence bigint   not null,
    hash     char(64) not null
);
insert into audit_chain_head (id, sequence, hash) values (1, 0, repeat('0', 64));

-- One AES-256 key per case encrypts the case's input in the log; deleting it erases the input
-- everywhere, the log included (crypto-shredding).
create table case_key (
    case_id   uuid primary key references screening_case (id),
    key_bytes bytea,
    erased_at timestamptz
);

-- Auditors' replay jobs and their reports.
create table replay_job (
    id           uuid primary key,
    status       text        not null,
    requested_by text        not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    report       text
);
