-- A counter the server's in-memory caller index polls to notice customers written by another process (the CLI's
-- import, demo-data): bumped by every change of what identifies a caller. SQLite only: on PostgreSQL, which several
-- servers may share, callers are looked up in the store on every call.
CREATE TABLE change_counters (
    name    VARCHAR(64) PRIMARY KEY,
    version BIGINT      NOT NULL
);
INSERT INTO change_counters (name, version) VALUES ('customers', 0);

CREATE TRIGGER customers_inserted AFTER INSERT ON customers
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;

CREATE TRIGGER customers_deleted AFTER DELETE ON customers
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;

CREATE TRIGGER customers_updated AFTER UPDATE OF id, contract_number, mobile, language, service_area ON customers
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;

CREATE TRIGGER customer_phones_inserted AFTER INSERT ON customer_phones
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;

CREATE TRIGGER customer_phones_deleted AFTER DELETE ON customer_phones
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;

CREATE TRIGGER customer_phones_updated AFTER UPDATE ON customer_phones
BEGIN
    UPDATE change_counters SET version = version + 1 WHERE name = 'customers';
END;
