-- consent-service's opt-out self-test submits a real opt-out on the privacy center for a synthetic consumer
-- (an address on the reserved domain selftest.invalid). Such a request is marked when opened, so the yearly
-- figures a business publishes never count it, even after the identity in it is erased.
alter table rights_request add column synthetic boolean not null default false;
