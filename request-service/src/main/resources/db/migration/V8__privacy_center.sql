-- The privacy center: consumers submit their own requests. Each submission is an intake, received (and its
-- statutory clock started) when it arrives. Opt-outs and limits open their request at once; the other rights wait
-- until the consumer presents the code mailed to the address they gave (kept only as an HMAC, single use,
-- expiring, locked after a few wrong tries); the request then opens with the intake's receipt time.
create table consumer_intake (
    id                 uuid primary key,
    account_id         uuid         not null references account (id),
    request_type       varchar(16)  not null,
    subject_email      varchar(320),
    subject_visitor_id varchar(128),
    correction_field   varchar(16),
    correction_value   varchar(320),
    received_at        timestamptz  not null,
    status             varchar(32)  not null,
    code_hash          bytea,
    code_expires_at    timestamptz,
    codes_issued       integer      not null default 0,
    failed_attempts    integer      not null default 0,
    verified_at        timestamptz,
    request_id         uuid references rights_request (id),
    updated_at         timestamptz  not null,
    constraint consumer_intake_code_only_while_waiting
        check (code_hash is null or status = 'AWAITING_VERIFICATION')
);

-- the daily limit of intakes per address counts these
create index consumer_intake_by_address on consumer_intake (account_id, subject_email, received_at);

-- A request's status page opens with a token the consumer was given (in the answer and the receipt mail); only its
-- SHA-256 (hex) is kept. A repeat that was linked to an open request gets a token of its own for the same request.
create table request_status_token (
    token_hash varchar(64) primary key,
    request_id uuid        not null references rights_request (id) on delete cascade,
    created_at timestamptz not null
);
