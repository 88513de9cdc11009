-- Rights requests (the aggregate) and their timelines. Issue 5 extends the same rows to every request
-- type: the type, channel, consumer identity and every statutory date have their columns already.
create table rights_request (
    id                 uuid primary key,
    account_id         uuid          not null references account (id),
    type               varchar(20)   not null,
    status             varchar(30)   not null,
    channel            varchar(30)   not null,
    tag                varchar(64),
    subject_email      varchar(320),
    subject_visitor_id varchar(128),
    opened_by          varchar(255)  not null,
    received_at        timestamptz   not null,
    acknowledge_by     timestamptz   not null,
    due_at             timestamptz   not null,
    extended_due_at    timestamptz,
    current_job_id     uuid,
    decline_reason     varchar(40),
    decline_note       varchar(1000),
    declined_by        varchar(255),
    closed_at          timestamptz,
    updated_at         timestamptz   not null,
    version            bigint        not null default 0,
    constraint rights_request_delete_scope
        check (type <> 'DELETE' or ((tag is null) <> (subject_email is null)))
);
create index rights_request_account_received on rights_request (account_id, received_at desc);
create index rights_request_account_status on rights_request (account_id, status, received_at desc);

-- Append-only: what happened to a request, in order of arrival (seq), with the status it left.
create table rights_request_timeline (
    id              uuid primary key,
    request_id      uuid          not null references rights_request (id) on delete cascade,
    seq             integer       not null,
    kind            varchar(40)   not null,
    occurred_at     timestamptz   not null,
    recorded_at     timestamptz   not null,
    status          varchar(30)   not null,
    summary         varchar(1000) not null,
    actor           varchar(255),
    details         text,
    source_event_id varchar(255),
    constraint rights_request_timeline_seq unique (request_id, seq)
);
