create table notifications (
    id              uuid primary key,
    user_id         uuid not null,
    type            varchar(32) not null,
    conversation_id uuid not null,
    message_id      varchar(32) not null,
    sender_id       uuid not null,
    text            varchar(4000) not null,
    created_at      timestamptz not null default now(),
    read_at         timestamptz,
    -- a redelivered stream entry must not notify twice
    unique (user_id, message_id)
);
create index notifications_user on notifications (user_id, created_at desc);
