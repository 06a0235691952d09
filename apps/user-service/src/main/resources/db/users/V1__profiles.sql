create table profiles (
    user_id      uuid primary key,
    username     varchar(32) not null unique,
    display_name varchar(64) not null,
    updated_at   timestamptz not null default now()
);
create index profiles_display_name on profiles (lower(display_name) varchar_pattern_ops);
