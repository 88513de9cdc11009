-- What the owner was told about a pending appeal's due date: the due date last reminded of, and when the
-- appeal was reported overdue (once), as for the request's own answer (reminder_sent_for, breach_reported_at).
alter table rights_request add column appeal_reminder_sent_for  timestamptz;
alter table rights_request add column appeal_breach_reported_at timestamptz;

-- the deadline sweep's second pass: appeals received and not decided, by due date
create index rights_request_pending_appeals on rights_request (appeal_due_at)
    where appeal_received_at is not null and appeal_decision is null;
