-- Issue 14: the jurisdiction whose pack (resources/jurisdictions/<code>.json) decides a request's rights, clocks
-- and appeal. Requests stored before are California's, the only law the service kept until then.
alter table rights_request add column jurisdiction varchar(2) not null default 'CA';

-- The consumer's appeal of a decline, where the jurisdiction grants one: at most one per request.
alter table rights_request add column appeal_statement   varchar(4000);
alter table rights_request add column appeal_received_at timestamptz;
alter table rights_request add column appeal_due_at      timestamptz;
alter table rights_request add column appeal_decision    varchar(20);
alter table rights_request add column appeal_explanation varchar(4000);
alter table rights_request add column appeal_decided_by  varchar(255);
alter table rights_request add column appeal_decided_at  timestamptz;
alter table rights_request add constraint rights_request_appeal_dates
    check ((appeal_received_at is null) = (appeal_due_at is null));
alter table rights_request add constraint rights_request_appeal_decided
    check (appeal_decision is null or (appeal_received_at is not null and appeal_decided_at is not null));
