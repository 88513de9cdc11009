-- This service's copy of the account registry (from account-events): the registered owner address
-- is where verification codes and confirmations go, never an address taken from a request.
create table account (
    id          uuid primary key,
    name        varchar(200) not null,
    owner_email varchar(320) not null,
    status      varchar(20)  not null,
    updated_at  timestamptz  not null
);
