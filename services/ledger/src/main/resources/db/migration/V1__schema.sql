-- RTX ledger schema. The ledger owns the whole schema: its projections (rebuilt from Kafka) and the
-- gateway's own tables (api_keys, client_orders), which a rebuild never touches.
-- Amounts are numeric (exact), written from the wire's decimal strings; timestamps are timestamptz
-- taken from the events, never from the clock, so a replay writes identical rows.

-- Instrument definitions (rtx.instruments.v1, compacted: the latest definition per symbol).
CREATE TABLE instruments (
    symbol             text PRIMARY KEY,
    base_asset         text    NOT NULL,
    base_scale         integer NOT NULL,
    quote_asset        text    NOT NULL,
    quote_scale        integer NOT NULL,
    price_scale        integer NOT NULL,
    quantity_scale     integer NOT NULL,
    tick_size          numeric NOT NULL,
    lot_size           numeric NOT NULL,
    min_quantity       numeric NOT NULL,
    max_quantity       numeric NOT NULL,
    price_band_percent numeric NOT NULL,
    max_notional       numeric NOT NULL,
    maker_fee_bps      integer NOT NULL,
    taker_fee_bps      integer NOT NULL,
    self_trade_policy  text    NOT NULL
);

-- Current state of every order (rtx.execution-reports.v1). last_sequence is the symbol's report
-- sequence of the report that wrote the row; 0 for an order only risk ever saw (rejected pre-trade).
-- symbol is nullable because a pre-trade rejection copies whatever the command carried.
CREATE TABLE orders (
    order_id        bigint PRIMARY KEY,
    client_order_id text,
    account_id      bigint      NOT NULL,
    symbol          text,
    side            text,
    type            text,
    time_in_force   text,
    price           numeric,
    quantity        numeric,
    filled_quantity numeric     NOT NULL,
    leaves_quantity numeric     NOT NULL,
    status          text        NOT NULL,
    last_reason     text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    last_sequence   bigint      NOT NULL
);
CREATE INDEX orders_account_idx ON orders (account_id, created_at DESC);
CREATE INDEX orders_open_idx ON orders (symbol, account_id) WHERE status IN ('NEW', 'PARTIALLY_FILLED');

-- Every execution report, once: the order's history and the input of report gap detection.
-- Identity: a matching report is (symbol, sequence); a risk report (sequence 0) has no sequence, so
-- its identity is its content (order, exec type, time, reason).
CREATE TABLE order_events (
    source          text        NOT NULL CHECK (source IN ('MATCHING', 'RISK')),
    symbol          text,
    sequence        bigint      NOT NULL,
    order_id        bigint      NOT NULL,
    client_order_id text,
    account_id      bigint      NOT NULL,
    exec_type       text        NOT NULL,
    status          text        NOT NULL,
    price           numeric,
    quantity        numeric,
    filled_quantity numeric,
    leaves_quantity numeric,
    last_price      numeric,
    last_quantity   numeric,
    liquidity       text,
    trade_id        bigint      NOT NULL,
    reason          text,
    event_time      timestamptz NOT NULL
);
CREATE UNIQUE INDEX order_events_matching_key ON order_events (symbol, sequence)
    WHERE source = 'MATCHING' AND sequence > 0;
-- Unsequenced reports: risk's decisions and matching's rejections of orders no book ever held.
CREATE UNIQUE INDEX order_events_risk_key ON order_events (order_id, exec_type, event_time, COALESCE(reason, ''))
    WHERE source = 'RISK' OR sequence = 0;
CREATE INDEX order_events_order_idx ON order_events (order_id);

-- How far each symbol's report sequence has been checked for gaps (bookkeeping, not a projection).
CREATE TABLE report_sequence_checkpoints (
    symbol          text PRIMARY KEY,
    checked_through bigint NOT NULL
);

-- Trades (rtx.trades.v1). The key includes executed_at so the table can become a TimescaleDB
-- hypertable partitioned on it (every unique index of a hypertable must contain the time column);
-- (symbol, trade_id) alone is the trade's identity and is enforced by the insert itself.
CREATE TABLE trades (
    symbol          text        NOT NULL,
    trade_id        bigint      NOT NULL,
    price           numeric     NOT NULL,
    quantity        numeric     NOT NULL,
    buy_order_id    bigint      NOT NULL,
    buy_account_id  bigint      NOT NULL,
    sell_order_id   bigint      NOT NULL,
    sell_account_id bigint      NOT NULL,
    taker_side      text        NOT NULL CHECK (taker_side IN ('BUY', 'SELL')),
    executed_at     timestamptz NOT NULL,
    PRIMARY KEY (symbol, trade_id, executed_at)
);
CREATE INDEX trades_symbol_time_idx ON trades (symbol, executed_at DESC);
CREATE INDEX trades_buy_account_idx ON trades (buy_account_id, executed_at DESC);
CREATE INDEX trades_sell_account_idx ON trades (sell_account_id, executed_at DESC);

-- OHLCV per symbol and interval, bucketed on UTC boundaries. first/last_trade_id name the trades
-- that set open and close, so a replay or a late trade updates the candle exactly.
CREATE TABLE candles (
    symbol         text        NOT NULL,
    interval       text        NOT NULL CHECK (interval IN ('1m', '5m', '1h')),
    bucket_start   timestamptz NOT NULL,
    open           numeric     NOT NULL,
    high           numeric     NOT NULL,
    low            numeric     NOT NULL,
    close          numeric     NOT NULL,
    volume         numeric     NOT NULL,
    trade_count    bigint      NOT NULL,
    first_trade_id bigint      NOT NULL,
    last_trade_id  bigint      NOT NULL,
    PRIMARY KEY (symbol, interval, bucket_start)
);

-- Accounts and balances (rtx.account-events.v1), applied only for a sequence above last_sequence.
CREATE TABLE accounts (
    account_id    bigint PRIMARY KEY,
    suspended     boolean     NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE balances (
    account_id    bigint      NOT NULL,
    asset         text        NOT NULL,
    available     numeric     NOT NULL,
    reserved      numeric     NOT NULL,
    last_sequence bigint      NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (account_id, asset)
);

-- Every account event, once: the account's history (deposits, withdrawals, holds, fills).
CREATE TABLE account_events (
    account_id bigint      NOT NULL,
    sequence   bigint      NOT NULL,
    command_id text,
    kind       text        NOT NULL,
    accepted   boolean     NOT NULL,
    reason     text,
    suspended  boolean     NOT NULL,
    event_time timestamptz NOT NULL,
    PRIMARY KEY (account_id, sequence)
);

-- Gateway: API keys, stored as the SHA-256 (lower-case hex) of the secret, never the secret.
CREATE TABLE api_keys (
    key_id     text PRIMARY KEY,
    account_id bigint      NOT NULL,
    key_hash   char(64)    NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    role       text        NOT NULL CHECK (role IN ('TRADER', 'ADMIN')),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
CREATE INDEX api_keys_account_idx ON api_keys (account_id);

-- Gateway: idempotent order placement, one order per (account, client order id).
CREATE TABLE client_orders (
    account_id      bigint      NOT NULL,
    client_order_id text        NOT NULL,
    order_id        bigint      NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account_id, client_order_id)
);
