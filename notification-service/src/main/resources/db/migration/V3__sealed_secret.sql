-- The sealed column now carries either a verification code or an access export's token: both are
-- secrets sealed by deletion-service (AES-256-GCM under CODE_TRANSPORT_KEY, domain-separated by
-- their associated data) and opened only at send time. Renamed to say so; the rule that a secret
-- lives only while its mail is PENDING is kept, under a name that says the same.
alter table outgoing_mail rename column sealed_code to sealed_secret;
alter table outgoing_mail rename constraint outgoing_mail_code_only_while_pending to outgoing_mail_secret_only_while_pending;
comment on column outgoing_mail.sealed_secret is
    'verification code or export token, still sealed (AES-256-GCM under CODE_TRANSPORT_KEY); wiped once delivered or given up';
comment on column outgoing_mail.model is
    'template data of a mail rendered again at send time (verification code, access export); never a secret, never content';
