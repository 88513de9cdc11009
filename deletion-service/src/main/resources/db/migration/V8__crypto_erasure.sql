-- Crypto-erasure before the physical purge: once a purge is authorised, the data keys of all its targets
-- are destroyed at once (a few set-based statements in one transaction), which makes every target
-- unreadable before the chunked deletion of rows begins. keys_destroyed_at is committed with that
-- destruction, so a resumed job knows it is done; null for jobs that never erased (or from before).
alter table deletion_job add column keys_destroyed_at timestamptz;
