-- Gateway: the admin API used to issue API keys for any account id, opened or not, and such a key
-- authenticated. It now issues keys only for accounts risk has opened; this revokes every active key
-- whose account the ledger has never projected. An empty accounts projection (a ledger that never ran,
-- or a rebuild that did not finish) cannot tell, so nothing is revoked then.
UPDATE api_keys SET revoked_at = now()
WHERE revoked_at IS NULL
  AND EXISTS (SELECT 1 FROM accounts)
  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = api_keys.account_id);
