-- Tickets stored tier and intent as LINE1 / TECHNICAL while calls, callbacks and operators use line1 / technical.
-- One spelling everywhere, so reports can join and filter on them.
UPDATE tickets SET tier = lower(tier), intent = lower(intent);
