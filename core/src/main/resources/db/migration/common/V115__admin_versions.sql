-- Optimistic concurrency for what supervisors edit whole (issue 24, ADR 0148): a save names the version it was read
-- at; a save of an older version is refused ("changed by <who> at <time>, reload") instead of silently overwriting.
-- The on-duty rota (on_duty_shifts) is one row here: its version, who saved it last and when (epoch millis).
CREATE TABLE on_duty_rota (
    id         INTEGER PRIMARY KEY,
    version    BIGINT  NOT NULL,
    changed_by VARCHAR(64),
    changed_at BIGINT
);
INSERT INTO on_duty_rota (id, version, changed_by, changed_at)
SELECT 1, 0,
       (SELECT actor FROM audit_log WHERE action IN ('on-duty-edit', 'on-duty-seed') ORDER BY id DESC LIMIT 1),
       (SELECT at FROM audit_log WHERE action IN ('on-duty-edit', 'on-duty-seed') ORDER BY id DESC LIMIT 1);
-- Knowledge-base articles: edited whole (PUT /api/admin/kb/{id}), same rule.
ALTER TABLE kb_articles ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
