-- A login is one account whatever its case: WENDY and wendy are the same operator (issue 20 item 10). Logins are kept
-- as written and compared by LOWER(login). Accounts that differ only in case from an older one are renamed
-- (<login>#<created_at>) and switched off, so the older one is the account that logs in; an administrator sees
-- them in `frontline operators list` and may delete or reactivate them under another login.
UPDATE operators SET login = SUBSTR(login, 1, 40) || '#' || created_at, active = 0
WHERE EXISTS (SELECT 1 FROM operators o WHERE LOWER(o.login) = LOWER(operators.login)
              AND (o.created_at < operators.created_at OR (o.created_at = operators.created_at AND o.login < operators.login)));
CREATE UNIQUE INDEX operators_login_ci ON operators (LOWER(login));
