-- Knowledge-base full-text search on SQLite: an FTS5 index over kb_articles kept in step by triggers.
-- unicode61 with diacritics removed, so "ryšys" also matches "rysys".
CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, content='kb_articles', content_rowid='id',
                                       tokenize='unicode61 remove_diacritics 2');

CREATE TRIGGER kb_articles_fts_insert AFTER INSERT ON kb_articles BEGIN
    INSERT INTO kb_fts(rowid, title, tags, body) VALUES (new.id, new.title, new.tags, new.body);
END;

CREATE TRIGGER kb_articles_fts_delete AFTER DELETE ON kb_articles BEGIN
    INSERT INTO kb_fts(kb_fts, rowid, title, tags, body) VALUES ('delete', old.id, old.title, old.tags, old.body);
END;

CREATE TRIGGER kb_articles_fts_update AFTER UPDATE ON kb_articles BEGIN
    INSERT INTO kb_fts(kb_fts, rowid, title, tags, body) VALUES ('delete', old.id, old.title, old.tags, old.body);
    INSERT INTO kb_fts(rowid, title, tags, body) VALUES (new.id, new.title, new.tags, new.body);
END;

INSERT INTO kb_fts(kb_fts) VALUES ('rebuild');
