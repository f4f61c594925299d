-- Break reasons were logged as the operator's translated label ("Обед", "Lunch"), so one reason counted as two
-- (issue 24, ADR 0104). They are codes now (lunch); rewrite the labels the desktop's en and ru bundles sent into codes.
-- Only BREAK changes are touched; an unknown free text stays as it was (reports show it under its own name).

UPDATE call_events SET payload = REPLACE(payload, '"reason":"Coffee"', '"reason":"coffee"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Coffee"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Кофе"', '"reason":"coffee"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Кофе"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Lunch"', '"reason":"lunch"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Lunch"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Обед"', '"reason":"lunch"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Обед"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Training"', '"reason":"training"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Training"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Обучение"', '"reason":"training"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Обучение"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Meeting"', '"reason":"meeting"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Meeting"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Совещание"', '"reason":"meeting"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Совещание"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Technical problem"', '"reason":"technical"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Technical problem"%';
UPDATE call_events SET payload = REPLACE(payload, '"reason":"Техническая проблема"', '"reason":"technical"')
 WHERE type = 'OperatorStateChanged' AND payload LIKE '%"state":"BREAK"%' AND payload LIKE '%"reason":"Техническая проблема"%';
