-- Published pre-chat forms. A row is one immutable version: it is proof of what visitors were shown,
-- so it is never changed or deleted; a changed form is a new row with the next version number.
create table form_version (
    id             uuid         primary key,
    account_id     uuid         not null,
    version        integer      not null,
    -- SHA-256 of the canonical definition: publishing the same content again makes no new version
    content_sha256 varchar(64)  not null,
    -- the form as published (JSON: ordinary fields and consents, each consent with its text's SHA-256)
    definition     text         not null,
    published_at   timestamptz  not null,
    published_by   varchar(255) not null,
    constraint form_version_account_version unique (account_id, version)
);

-- The consent ledger: append-only. Grants, revocations and opt-outs are each a new row; a revocation
-- points at the grant (receipt) it revokes. Personal data is kept only pseudonymised: the visitor's
-- email as a keyed HMAC (blind index, for lookups), the IP truncated (/24, /48) and keyed-hashed.
create table consent_entry (
    -- time-ordered (UUID version 7): appends land at the right edge of the primary key index
    id            uuid         primary key,
    account_id    uuid         not null,
    kind          varchar(16)  not null check (kind in ('GRANTED', 'REVOKED', 'OPTED_OUT')),
    visitor_id    varchar(64),
    email_hmac    varchar(64),
    -- GRANTED: the form version shown, the consents ticked and the SHA-256 of each exact text
    form_version  integer,
    consent_ids   text[],
    text_sha256s  text[],
    -- REVOKED: the receipt revoked, by whom (VISITOR or AGENT), the agent's user id and reason
    revokes       uuid,
    revoked_by    varchar(16),
    actor         varchar(255),
    reason        varchar(500),
    -- OPTED_OUT: what (SALE_SHARING or LIMIT_SENSITIVE), why (GPC, WIDGET, REQUEST, LINKED) and the request
    scope         varchar(24),
    source        varchar(16),
    request_id    uuid,
    gpc           boolean      not null default false,
    user_agent    varchar(512),
    ip_hash       varchar(64),
    recorded_at   timestamptz  not null,
    -- no foreign key to form_version: the service only appends grants of versions it has read, and
    -- versions are never deleted (trigger below); a key check per row would cost the hot path a
    -- lookup and a row lock on the same form_version row shared by every concurrent writer
    constraint consent_entry_grant_shape check (kind <> 'GRANTED'
        or (visitor_id is not null and form_version is not null and consent_ids is not null
            and text_sha256s is not null)),
    constraint consent_entry_revocation_shape check (kind <> 'REVOKED'
        or (revokes is not null and revoked_by is not null)),
    constraint consent_entry_opt_out_shape check (kind <> 'OPTED_OUT'
        or (scope is not null and source is not null and (visitor_id is not null or email_hmac is not null)))
);
create index consent_entry_visitor on consent_entry (account_id, visitor_id);
create index consent_entry_email on consent_entry (account_id, email_hmac) where email_hmac is not null;
-- a grant is revoked at most once, so a repeated revocation cannot write a second row
create unique index consent_entry_revokes on consent_entry (revokes) where revokes is not null;

-- Append-only, enforced by the database itself: proof that can be edited proves nothing.
create function consent_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_entry is append-only: % is not allowed', tg_op;
end;
$$;
create trigger consent_entry_no_update before update or delete on consent_entry
    for each row execute function consent_entry_append_only();
create trigger form_version_no_update before update or delete on form_version
    for each row execute function consent_entry_append_only();
