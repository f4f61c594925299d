-- A mobile taken off the on-duty rota stays one of the desk's own numbers (issue 24, ADR 0153): the web callback
-- form refuses it as it refused it while on the rota, so a stranger cannot have the desk ring a former consultant.
-- Kept per number: when it last left the rota and who saved that rota (epoch millis).
CREATE TABLE on_duty_former_mobiles (
    mobile     VARCHAR(32) PRIMARY KEY,
    removed_at BIGINT      NOT NULL,
    removed_by VARCHAR(64)
);
-- Mobiles taken off before this migration are known where an alert was texted to them: they were on duty then.
INSERT INTO on_duty_former_mobiles (mobile, removed_at, removed_by)
SELECT to_number, MAX(created_at), NULL FROM sms_messages
WHERE purpose = 'on-duty-alert' AND to_number NOT IN (SELECT mobile FROM on_duty_shifts)
GROUP BY to_number;
