-- Foundation: a customer's numbers are read with every lookup (LEFT JOIN customer_phones ON customer_id);
-- a covering index answers that from the index alone instead of index + table row.
DROP INDEX customer_phones_customer;
CREATE INDEX customer_phones_by_customer ON customer_phones (customer_id, e164, kind);
