-- Console sessions their officers signed out of (by the identity provider's session id), so that a
-- copied session cookie stops working at once on every replica. Rows older than two days are pruned.
create table console_session_ended (
    session_id text        primary key,
    ended_at   timestamptz not null
);
