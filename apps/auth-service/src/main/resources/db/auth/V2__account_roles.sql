-- What each account may do: its roles. Every account has 'user'; others are granted by an operator
-- through the service's internal API. Read through the permission cache (auth:cache:{roles:<id>}).
create table account_roles (
    user_id    uuid        not null references accounts (user_id) on delete cascade,
    role       varchar(32) not null,
    granted_at timestamptz not null default now(),
    primary key (user_id, role)
);

insert into account_roles (user_id, role) select user_id, 'user' from accounts;
