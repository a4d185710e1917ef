-- The log as a Merkle tree (RFC 9162) beside the hash chain. Leaf i is the record of sequence i+1 as
-- it is on the topic. Every perfect subtree is kept once it is complete (level 0: the leaf hashes;
-- level k, index j: leaves [j * 2^k, (j + 1) * 2^k)), about two rows per event, so that any root
-- and any proof is a few dozen primary-key reads.
create table audit_tree_node (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null check (length(hash) = 32),
    primary key (level, idx)
);

-- Signed checkpoints (C2SP tlog-checkpoint as a signed note): one per tree size the relay signed.
-- A checkpoint goes on the topic after the events it covers; sent_at says it is there.
create table audit_checkpoint (
    tree_size bigint      primary key,
    root_hash bytea       not null check (length(root_hash) = 32),
    note      text        not null,
    key_id    char(8)     not null,
    issued_at timestamptz not null,
    sent_at   timestamptz
);
create index audit_checkpoint_unsent on audit_checkpoint (tree_size) where sent_at is null;
