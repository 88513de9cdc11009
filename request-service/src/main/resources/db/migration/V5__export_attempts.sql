-- An ACCESS request's copy may never reach the consumer (its mail given up, or lost): an agent then asks for a fresh
-- one (request.export-requested.v1). The request counts the attempts (the copy asked for by request.opened.v1 is
-- attempt 1, so every existing row starts there) and keeps when the latest re-send was asked for, so a second one
-- within a minute (a double click) is refused instead of mailing the consumer twice.
alter table rights_request
    add column export_attempt      integer not null default 1,
    add column export_requested_at timestamptz;
