create table accounts (
    user_id       uuid primary key,
    username      varchar(32) not null unique,
    password_hash varchar(100) not null,
    created_at    timestamptz not null default now()
);
