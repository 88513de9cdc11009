-- Issue 5: an ACCESS request is fulfilled once deletion-service reported its copy prepared (deletion-events) AND
-- notification-service reported the mail carrying it delivered (notification-events). The two reports travel on
-- different topics and arrive in either order, so the request keeps what it has seen of each: ids and counts only,
-- never the content.
alter table rights_request
    add column export_id              uuid,
    add column export_chat_count      bigint,
    add column export_ticket_count    bigint,
    add column export_sent_at         timestamptz,
    add column export_notification_id uuid;
