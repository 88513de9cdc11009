-- The opt-out self-test's runs: per account, when, and whether every check passed (which one failed otherwise).
-- No personal data: the synthetic visitor and address of a run are not kept here (they are recognisable in the
-- ledger by their `selftest-` visitor ids and their user agent).
create table opt_out_self_test (
    id            uuid         primary key,
    account_id    uuid         not null,
    started_by    varchar(16)  not null check (started_by in ('SCHEDULED', 'OWNER')),
    started_at    timestamptz  not null,
    finished_at   timestamptz,
    outcome       varchar(16)  not null check (outcome in ('RUNNING', 'PASSED', 'FAILED')),
    failed_check  varchar(32),
    detail        varchar(500),
    constraint opt_out_self_test_shape check ((outcome = 'RUNNING') = (finished_at is null)
        and ((outcome = 'FAILED') = (failed_check is not null)))
);
-- the claim: one running test per account, whichever replica or trigger started it
create unique index opt_out_self_test_running on opt_out_self_test (account_id) where outcome = 'RUNNING';
create index opt_out_self_test_account on opt_out_self_test (account_id, started_at desc);
