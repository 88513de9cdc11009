-- Authorized agents through the Data Rights Protocol (DRP 1.0). An account's owner registers the agents it accepts:
-- the agent's DRP id, its name, its Ed25519 verify key (the 32 raw bytes) and the prefix its status callbacks must
-- start with. Pairing (POST /v1/agent/{id}) gives the agent a bearer token; only its SHA-256 (hex) is kept.
create table authorized_agent (
    account_id      uuid         not null references account (id),
    agent_id        varchar(64)  not null,
    name            varchar(200) not null,
    verify_key      bytea        not null,
    callback_prefix varchar(500) not null,
    token_hash      varchar(64) unique,
    created_at      timestamptz  not null,
    primary key (account_id, agent_id)
);

-- An agent's request becomes a privacy-center intake (so the consumer's code goes to the consumer); the agent names
-- the intake: its request is opened with channel AUTHORIZED_AGENT and this name.
alter table consumer_intake add column agent_name varchar(200);

-- A data rights request an agent sent: the intake it became, or the DRP reason it was denied with at once. The
-- status callback state: the last status/reason delivered, the next try and how many failed.
create table drp_request (
    id                 uuid primary key,
    account_id         uuid         not null references account (id),
    agent_id           varchar(64)  not null,
    agent_request_id   varchar(200),
    intake_id          uuid references consumer_intake (id),
    denied_reason      varchar(32),
    received_at        timestamptz  not null,
    status_callback    varchar(500),
    notified_status    varchar(32),
    notified_reason    varchar(32),
    callback_done      boolean      not null default false,
    callback_attempts  integer      not null default 0,
    callback_next_at   timestamptz,
    foreign key (account_id, agent_id) references authorized_agent (account_id, agent_id) on delete cascade,
    constraint drp_request_intake_or_denied check ((intake_id is null) <> (denied_reason is null))
);

create index drp_request_callbacks_due on drp_request (callback_next_at) where status_callback is not null and not callback_done;

-- Replay guard: the SHA-256 of every signed message taken, kept until it expires (it is refused after that anyway).
create table drp_seen_message (
    digest     varchar(64) primary key,
    expires_at timestamptz not null
);
