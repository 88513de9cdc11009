-- ACCESS exports: which items a consumer's copy holds (ids only, never content), and an access token
-- kept only as an HMAC. One export per rights request, so a redelivered request exports nothing twice.
-- Once expired, the sweep drops the snapshot and the token hash: the export can no longer be read, and
-- the row stays as the record that the request was answered (ids, counts, times).
create table data_export (
    id           uuid primary key,
    account_id   uuid        not null,
    request_id   uuid        not null,
    token_hash   bytea,
    chat_count   integer     not null,
    ticket_count integer     not null,
    prepared_at  timestamptz not null,
    expires_at   timestamptz not null,
    constraint data_export_request unique (request_id)
);
create index data_export_live on data_export (expires_at) where token_hash is not null;

-- The snapshot: the vault's own item ids (not the platform's), read back through the live vault, so an
-- item purged since is simply absent from the copy.
create table data_export_item (
    export_id uuid       not null references data_export (id),
    item_type varchar(6) not null,
    item_id   uuid       not null,
    primary key (export_id, item_type, item_id)
);

-- CORRECT requests: what was decided and how many items it touched; never the old or the new value.
-- One per rights request, so a redelivered request cannot apply twice.
create table correction (
    id                uuid primary key,
    account_id        uuid        not null,
    request_id        uuid        not null,
    field             varchar(10) not null,
    outcome           varchar(10) not null,
    chats_matched     integer     not null,
    tickets_matched   integer     not null,
    chats_corrected   integer     not null,
    tickets_corrected integer     not null,
    decided_at        timestamptz not null,
    constraint correction_request unique (request_id)
);
