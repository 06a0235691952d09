create table conversations (
    id              uuid primary key,
    title           varchar(100) not null,
    created_by      uuid not null,
    created_at      timestamptz not null default now(),
    last_message_at timestamptz
);

create table conversation_members (
    conversation_id      uuid not null references conversations (id) on delete cascade,
    user_id              uuid not null,
    last_read_message_id bigint,
    primary key (conversation_id, user_id)
);
create index conversation_members_user on conversation_members (user_id);

create table messages (
    id                bigint generated always as identity primary key,
    conversation_id   uuid not null references conversations (id) on delete cascade,
    sender_id         uuid not null,
    client_message_id varchar(64) not null,
    text              varchar(4000) not null,
    created_at        timestamptz not null default now(),
    -- a resend of the same clientMessageId finds the stored message instead of making a second one
    unique (conversation_id, sender_id, client_message_id)
);
create index messages_history on messages (conversation_id, id desc);
