-- Knowledge-base articles administered by supervisors (issue 24): retired articles stay for the record but are no
-- longer suggested; who changed an article last and when.
ALTER TABLE kb_articles ADD COLUMN retired_at BIGINT;
ALTER TABLE kb_articles ADD COLUMN updated_at BIGINT;
ALTER TABLE kb_articles ADD COLUMN updated_by VARCHAR(64);
