-- The account registry: one row per chat licence. The widget key itself is never stored.
create table account (
    id              uuid primary key,
    name            varchar(200) not null,
    owner_email     varchar(320) not null,
    widget_key_hash varchar(64)  not null unique,
    allowed_origins text         not null,
    status          varchar(20)  not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null default 0
);
