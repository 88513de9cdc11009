-- Issue 5: every request type, the one extension, deadline reminders and record retention.
alter table rights_request
    add column agent_name         varchar(200),
    add column signed_permission  boolean,
    add column correction_field   varchar(20),
    add column correction_value   varchar(320),
    add column extension_reason   varchar(1000),
    add column extended_by        varchar(255),
    add column extended_at        timestamptz,
    add column reminder_sent_for  timestamptz,
    add column breach_reported_at timestamptz,
    add column identity_erased_at timestamptz;

-- a subject deletion whose identity was erased after the retention period names neither scope any more
alter table rights_request drop constraint rights_request_delete_scope;
alter table rights_request add constraint rights_request_delete_scope
    check (type <> 'DELETE' or identity_erased_at is not null or ((tag is null) <> (subject_email is null)));
alter table rights_request add constraint rights_request_one_extension
    check ((extended_due_at is null) = (extended_at is null));

-- the deadline sweep reads open requests by their effective due date
create index rights_request_open_due on rights_request (coalesce(extended_due_at, due_at)) where closed_at is null;
-- the retention job reads old requests that still carry an identity
create index rights_request_identity_kept on rights_request (received_at) where identity_erased_at is null;
-- duplicates: the same consumer's open request of the same type
create index rights_request_open_subject on rights_request (account_id, type, subject_email) where closed_at is null;
