-- Gateway: order-id node leases. A gateway started without rtx.gateway.node-id claims one node id
-- (0..1023, the 10 node bits of its Snowflake order ids) here, renews it while it runs and deletes its
-- row on a graceful shutdown. A row whose expires_at has passed (PostgreSQL's clock decides) may be
-- taken over by another gateway; the holder that lost it stops issuing ids on its own before that can
-- happen (see docs/api.md, "Order ids"). Not a projection: a rebuild never touches it.
CREATE TABLE gateway_node_lease (
    node_id     smallint    PRIMARY KEY CHECK (node_id BETWEEN 0 AND 1023),
    holder      text        NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
