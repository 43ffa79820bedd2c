-- After a restore from a dump and the ledger's catch-up: re-creates the gateway's idempotency claims
-- (client_orders) made after the dump, from the orders the ledger re-projected from Kafka. Every order that
-- reached Kafka with a client order id gets its claim back (created_at: the order's own time); a claim the
-- dump already holds, or a conflicting one, is left as it is. Safe to run more than once.
--   psql -v ON_ERROR_STOP=1 -f docker/dr/reclaim-client-orders.sql      (PGHOST/PGUSER/PGDATABASE as usual)
-- Not recoverable this way: a claim whose order never reached Kafka (the gateway releases those anyway).
INSERT INTO client_orders (account_id, client_order_id, order_id, created_at)
SELECT DISTINCT ON (account_id, client_order_id) account_id, client_order_id, order_id, created_at
FROM orders
WHERE client_order_id IS NOT NULL
ORDER BY account_id, client_order_id, created_at, order_id
ON CONFLICT DO NOTHING;
