-- Tickets are looked up by call (disposition, screen-pop) and listed by tier and SLA clock (supervisor view).
CREATE INDEX tickets_call ON tickets (call_id);
CREATE INDEX tickets_open_due ON tickets (state, tier, due_at);
