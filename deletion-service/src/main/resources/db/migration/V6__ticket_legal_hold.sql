-- Tickets can be put under a legal hold like chats: a purge skips a held ticket and lists it in its
-- receipt. Constant defaults: adding these columns rewrites no rows (existing tickets are not held, and
-- receipts written before had no held tickets to list).
alter table ticket add column legal_hold boolean not null default false;
alter table purge_receipt add column tickets_skipped_legal_hold integer not null default 0;
alter table purge_receipt add column skipped_ticket_ids jsonb not null default '[]';
