-- The price an instrument's band is centred on until it first trades (rtx.instruments.v1 referencePrice).
-- Null for a definition that predates the field: it has no band until its first trade.
ALTER TABLE instruments ADD COLUMN reference_price numeric;
