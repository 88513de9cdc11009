-- An effect that is NOT idempotent by itself: every application adds a row.
create table test_effect (
    seq      bigserial primary key,
    marker   varchar(100) not null,
    event_id varchar(100) not null
);
