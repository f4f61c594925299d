-- The web callback form's limits, kept across restarts (issue 20 item 7): one row per post (kind 'post', counted per
-- client address) and one per request that passed validation (kind 'request', counted per phone and for everyone).
-- Rows older than a day are deleted as posts come in.
CREATE TABLE web_form_posts (
    id      ${id},
    at      BIGINT      NOT NULL,
    kind    VARCHAR(8)  NOT NULL,
    address VARCHAR(64) NOT NULL,
    phone   VARCHAR(32)
);
CREATE INDEX web_form_posts_at ON web_form_posts (kind, at);
CREATE INDEX web_form_posts_address ON web_form_posts (address, at);
CREATE INDEX web_form_posts_phone ON web_form_posts (phone, at);
