-- consent-service's copy of the account registry (from account-events): the widget key as its
-- SHA-256 (to recognise the widget's calls) and the origins its pre-chat form may be served to.
create table account (
    id                uuid primary key,
    widget_key_sha256 varchar(64)  not null unique,
    allowed_origins   text         not null,
    status            varchar(20)  not null,
    updated_at        timestamptz  not null
);
