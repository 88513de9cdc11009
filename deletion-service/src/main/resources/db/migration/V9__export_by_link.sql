-- ACCESS copies are no longer mailed: the mail carries a link, and the link opens the copy only after the
-- consumer proves the address again with a one-time code mailed to it. What that needs on the export:
--   subject_address  the address the copy was asked for, AES-256-GCM sealed under a key derived from the
--                    vault's master key (the codes go there); null for exports made before (they were mailed)
--                    and once the export is swept
--   code_hash        the live code's HMAC (never the code), null when none is live; one code at a time
--   code_expires_at  until when the live code is accepted
--   codes_issued     codes sent so far (a few at most, then the consumer asks for a fresh copy)
--   failed_attempts  wrong codes so far, over all codes of the export; enough of them lock it for good
--   locked_at        when it locked; a locked export opens never again
--   opened_count, last_opened_at  how often and when a right code opened it (each code opens it once)
-- covers_from: the earliest collection time the snapshot took in (the right to know reaches back to
-- 1 January 2022); null for exports made before, which took in everything.
alter table data_export add column covers_from timestamptz;
alter table data_export add column subject_address bytea;
alter table data_export add column code_hash bytea;
alter table data_export add column code_expires_at timestamptz;
alter table data_export add column codes_issued integer not null default 0;
alter table data_export add column failed_attempts integer not null default 0;
alter table data_export add column locked_at timestamptz;
alter table data_export add column opened_count integer not null default 0;
alter table data_export add column last_opened_at timestamptz;
alter table data_export add constraint data_export_codes_issued check (codes_issued >= 0);
alter table data_export add constraint data_export_failed_attempts check (failed_attempts >= 0);
alter table data_export add constraint data_export_live_code check (code_hash is null or code_expires_at is not null);
