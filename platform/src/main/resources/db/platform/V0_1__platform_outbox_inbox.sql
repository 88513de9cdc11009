-- Shared plumbing tables, identical in every service's database (owned by the platform module).

-- Transactional outbox: written in the same transaction as the state change it announces,
-- relayed to Kafka after commit by OutboxRelay.
create table outbox_event (
    seq            bigserial primary key,
    id             uuid         not null unique,
    topic          varchar(249) not null,
    event_key      varchar(255) not null,
    type           varchar(255) not null,
    source         varchar(255) not null,
    account_id     uuid,
    subject        varchar(255),
    schema_version varchar(16)  not null,
    occurred_at    timestamptz  not null,
    payload        text         not null,
    published_at   timestamptz,
    attempts       integer      not null default 0,
    last_error     varchar(1000)
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- Idempotent consumer: an event id is remembered in the same transaction as its effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(255) not null,
    event_type   varchar(255) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event (processed_at);
