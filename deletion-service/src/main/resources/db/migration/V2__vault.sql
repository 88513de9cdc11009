-- The vault: chat transcripts and tickets, encrypted under a key hierarchy that makes erasure reach
-- every copy (crypto-shredding). master key (configuration) -> subject key (one per data subject of an
-- account) -> data key (one per chat or ticket) -> content. Destroying a data_key row makes that item's
-- ciphertext unreadable wherever it survives; destroying a subject_key row does the same for every item
-- of that subject.

-- A data subject's key, wrapped (AES-256-GCM) by a key derived from the master key. subject_ref is a
-- keyed hash (blind index) of the subject's identity, never the identity itself.
create table subject_key (
    id          uuid primary key,
    account_id  uuid        not null,
    subject_ref bytea       not null,
    wrapped_key bytea       not null,
    created_at  timestamptz not null,
    constraint subject_key_ref unique (account_id, subject_ref)
);

-- One data key per chat or ticket (same id as the item), wrapped by its subject's key. Kept apart from
-- the content so that a copy of an item's row alone can never be decrypted once this row is gone.
create table data_key (
    id             uuid primary key,
    subject_key_id uuid  not null references subject_key (id),
    wrapped_key    bytea not null
);
create index data_key_subject on data_key (subject_key_id);

-- Archived chats. content = IV || AES-256-GCM(data key, JSON of visitor id/email/name, agent ids and
-- messages). email_index / visitor_index are blind indexes for subject look-ups. Plain columns hold
-- only what is not personal data (ids of the platform, times, counts).
create table chat (
    id            uuid primary key,
    account_id    uuid         not null,
    external_id   varchar(200) not null,
    email_index   bytea,
    visitor_index bytea,
    content       bytea        not null,
    started_at    timestamptz  not null,
    ended_at      timestamptz,
    message_count integer      not null,
    legal_hold    boolean      not null default false,
    ingested_at   timestamptz  not null,
    updated_at    timestamptz  not null,
    constraint chat_external_id unique (account_id, external_id)
);
create index chat_email on chat (account_id, email_index) where email_index is not null;
create index chat_visitor on chat (account_id, visitor_index) where visitor_index is not null;

-- Archived tickets, encrypted like chats (requester email/name, visitor id, subject line, messages).
create table ticket (
    id                uuid primary key,
    account_id        uuid         not null,
    external_id       varchar(200) not null,
    email_index       bytea,
    visitor_index     bytea,
    content           bytea        not null,
    status            varchar(40),
    created_at        timestamptz  not null,
    source_updated_at timestamptz  not null,
    message_count     integer      not null,
    ingested_at       timestamptz  not null,
    updated_at        timestamptz  not null,
    constraint ticket_external_id unique (account_id, external_id)
);
create index ticket_email on ticket (account_id, email_index) where email_index is not null;
create index ticket_visitor on ticket (account_id, visitor_index) where visitor_index is not null;

-- Tags in plain text (a tag is not personal data), keyed by the platform's ids so that a tag change
-- arriving before its chat still applies. tagged_at is when the vault learnt of the tag: a purge takes
-- the items carrying the tag at the moment it was authorised.
create table item_tag (
    account_id  uuid         not null,
    item_type   varchar(6)   not null,
    external_id varchar(200) not null,
    tag         varchar(100) not null,
    tagged_at   timestamptz  not null,
    primary key (account_id, item_type, external_id, tag)
);
create index item_tag_by_tag on item_tag (account_id, tag, item_type);

-- Tombstones of purged items: SHA-256 of '<CHAT|TICKET>:<platform id>' (no personal data). They keep
-- a purged item from being stored again by a late or repeated archive, and list a receipt's items.
create table purged_item (
    account_id uuid        not null,
    item_type  varchar(6)  not null,
    id_hash    bytea       not null,
    job_id     uuid        not null,
    purged_at  timestamptz not null,
    primary key (account_id, item_type, id_hash)
);
create index purged_item_job on purged_item (job_id);
