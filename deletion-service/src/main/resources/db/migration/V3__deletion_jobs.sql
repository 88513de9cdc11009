-- A deletion job: one verification code for one rights request (a resend or a retry after a lock opens a
-- new job for the same request). The code is stored only as an HMAC, nulled once it can no longer be used.
create table deletion_job (
    id                    uuid primary key,
    account_id            uuid         not null,
    request_id            uuid         not null,
    tag                   varchar(100),
    subject_email_index   bytea,
    subject_visitor_index bytea,
    status                varchar(30)  not null,
    chat_count            integer      not null,
    ticket_count          integer      not null,
    code_hash             bytea,
    code_issued_at        timestamptz  not null,
    code_expires_at       timestamptz  not null,
    failed_attempts       integer      not null default 0,
    authorised_by         varchar(100),
    authorised_at         timestamptz,
    chats_deleted         integer      not null default 0,
    tickets_deleted       integer      not null default 0,
    receipt_id            uuid,
    created_at            timestamptz  not null,
    closed_at             timestamptz,
    version               bigint       not null default 0,
    constraint deletion_job_target check (tag is not null or subject_email_index is not null
        or subject_visitor_index is not null)
);
-- at most one live job per request
create unique index deletion_job_live on deletion_job (request_id)
    where status in ('AWAITING_VERIFICATION', 'PURGING');
create index deletion_job_request on deletion_job (account_id, request_id, created_at);
create index deletion_job_pending on deletion_job (status, code_expires_at)
    where status in ('AWAITING_VERIFICATION', 'PURGING');

-- What a purge did, with no personal data: ids, tag, counts, a pseudonym of who authorised it, times,
-- and a digest of the deleted items' id hashes (the hashes themselves are in purged_item).
create table purge_receipt (
    id                       uuid primary key,
    account_id               uuid         not null,
    request_id               uuid         not null,
    job_id                   uuid         not null unique,
    tag                      varchar(100),
    subject_selector         varchar(20),
    chats_deleted            integer      not null,
    tickets_deleted          integer      not null,
    chats_skipped_legal_hold integer      not null,
    skipped_chat_ids         jsonb        not null,
    deleted_ids_digest       varchar(64)  not null,
    authorised_by            varchar(100) not null,
    authorised_at            timestamptz  not null,
    completed_at             timestamptz  not null
);
create index purge_receipt_request on purge_receipt (account_id, request_id);
