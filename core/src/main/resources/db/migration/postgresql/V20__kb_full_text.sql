-- Knowledge-base full-text search on PostgreSQL: a weighted tsvector (title A, tags B, body C) with a GIN index.
-- The 'simple' configuration: the desk serves five languages, so no single-language stemming.
ALTER TABLE kb_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(tags, '')), 'B') ||
    setweight(to_tsvector('simple', coalesce(body, '')), 'C')) STORED;

CREATE INDEX kb_articles_search ON kb_articles USING GIN (search);
