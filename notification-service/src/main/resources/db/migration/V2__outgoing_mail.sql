-- The delivery log: every mail this service sends, what it said, to whom, and how delivery went.
-- A consumer only inserts rows; the dispatcher claims due PENDING rows (for update skip locked),
-- sends them and marks them SENT or schedules a retry in the same transaction.
create table outgoing_mail (
    id              uuid primary key,
    account_id      uuid          not null,
    request_id      uuid,
    job_id          uuid,
    template        varchar(40)   not null,
    recipient       varchar(320)  not null,
    subject         varchar(300)  not null,
    text_body       text          not null,
    html_body       text          not null,
    -- template data of a mail rendered again at send time (verification codes); never a secret
    model           text,
    -- the code, still sealed (AES-256-GCM under CODE_TRANSPORT_KEY); wiped once delivered or given up
    sealed_code     varchar(512),
    useless_after   timestamptz,
    status          varchar(10)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    failure_reason  varchar(40),
    last_error      varchar(500),
    source_event_id varchar(255)  not null,
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    finished_at     timestamptz,
    version         bigint        not null default 0,
    -- one mail of a kind per event, even if the inbox's memory of the event were lost
    constraint outgoing_mail_once_per_event unique (source_event_id, template),
    constraint outgoing_mail_code_only_while_pending check (sealed_code is null or status = 'PENDING')
);
create index outgoing_mail_due on outgoing_mail (next_attempt_at) where status = 'PENDING';
create index outgoing_mail_request on outgoing_mail (account_id, request_id, created_at);
