-- A consumer whose copy never arrived (the mail was given up, or it got lost) may be sent a fresh one:
-- request-service's request.export-requested.v1 names the attempt (2, 3, ...), the export made for
-- request.opened.v1 being attempt 1. One export per request and attempt, so a redelivered re-send
-- exports nothing twice while a new attempt does. Every export written before was its request's first.
alter table data_export add column attempt integer not null default 1;
-- the application names the attempt of every new export; no silent default from here on
alter table data_export alter column attempt drop default;
alter table data_export add constraint data_export_attempt_positive check (attempt >= 1);
alter table data_export drop constraint data_export_request;
alter table data_export add constraint data_export_request_attempt unique (request_id, attempt);
