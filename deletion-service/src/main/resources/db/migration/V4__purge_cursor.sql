-- Purges walk the tag index in platform-id order from a cursor kept in the job, so that each chunk starts
-- where the last one ended instead of scanning past everything already deleted (which made a purge of
-- 100,000 chats quadratic).
drop index item_tag_by_tag;
create index item_tag_by_tag on item_tag (account_id, item_type, tag, external_id);
alter table deletion_job add column purge_phase varchar(6);
alter table deletion_job add column purge_cursor varchar(200);

-- Ingest and purge of one account are serialised by an advisory lock (VaultStore.lockAccount), so no data
-- key can be written for a subject key being destroyed; the foreign key's per-row checks guarded nothing
-- more and took half the time of destroying subject keys.
alter table data_key drop constraint data_key_subject_key_id_fkey;
