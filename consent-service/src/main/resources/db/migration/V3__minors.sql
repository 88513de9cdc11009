-- Minors (Cal. Civ. Code §1798.120(c), (d)): a visitor known to be under 16 is treated as opted out of
-- sale/sharing (an OPTED_OUT row of source MINOR carrying the age band) until an OPTED_IN row: the
-- visitor's own (13 to 15) or a parent's authorization recorded by an owner (under 13, 11 CCR §7070),
-- with the owner's user id (actor) and the method by which the business verified the parent. Still
-- append-only: the trigger of V2 refuses every UPDATE and DELETE of these rows too.
alter table consent_entry add column age_band varchar(16)
    check (age_band in ('UNDER_13', '13_TO_15', '16_OR_OVER'));
alter table consent_entry add column opted_in_by varchar(16) check (opted_in_by in ('VISITOR', 'PARENT'));
alter table consent_entry add column verification_method varchar(200);

alter table consent_entry drop constraint consent_entry_kind_check;
alter table consent_entry add constraint consent_entry_kind_check
    check (kind in ('GRANTED', 'REVOKED', 'OPTED_OUT', 'OPTED_IN'));
alter table consent_entry add constraint consent_entry_minor_shape check (source is distinct from 'MINOR'
    or (kind = 'OPTED_OUT' and scope = 'SALE_SHARING' and age_band in ('UNDER_13', '13_TO_15')
        and visitor_id is not null));
alter table consent_entry add constraint consent_entry_opt_in_shape check (kind <> 'OPTED_IN'
    or (visitor_id is not null and scope = 'SALE_SHARING' and age_band in ('UNDER_13', '13_TO_15')
        and opted_in_by is not null
        and (opted_in_by <> 'PARENT' or (actor is not null and verification_method is not null))));
