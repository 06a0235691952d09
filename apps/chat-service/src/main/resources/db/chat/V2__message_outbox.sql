-- What a stored message still owes Redis (unread counts, its stream entry, the members' live
-- events): written in the transaction that stores the message, deleted once the relay has done it.
create table message_outbox (
    id              bigint generated always as identity primary key,
    message_id      bigint not null unique references messages (id) on delete cascade,
    -- the members when it was sent: who gets the event and whom it counts as unread
    member_ids      uuid[] not null,
    -- the steps done by an attempt that failed later on, so that a retry does not repeat them (bits of MessageEvents)
    done_steps      integer not null default 0,
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null default now(),
    last_error      varchar(500),
    created_at      timestamptz not null default now()
);
create index message_outbox_due on message_outbox (next_attempt_at, id);
