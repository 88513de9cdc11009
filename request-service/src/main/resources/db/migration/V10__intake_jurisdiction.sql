-- A consumer chooses, in the privacy center, the jurisdiction whose law their request is made under; the intake keeps
-- the pack's code until the request opens (every intake before this was California's).
alter table consumer_intake
    add column jurisdiction varchar(2) not null default 'CA';
alter table consumer_intake
    alter column jurisdiction drop default;
