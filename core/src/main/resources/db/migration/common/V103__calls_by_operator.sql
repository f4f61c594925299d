-- "My calls today" on the operator's desk (issue 22 item 9): the calls one operator answered since a moment, newest
-- first, without reading the whole day's calls of the desk.
CREATE INDEX calls_operator_answered ON calls (operator_login, answered_at);
