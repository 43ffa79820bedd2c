-- Balances and the suspended flag now come from risk's accounts changelog (AccountStateMessage),
-- applied only for a version above the stored one; account events keep last_sequence for their own
-- order and gaps.
ALTER TABLE accounts ADD COLUMN version bigint NOT NULL DEFAULT 0;
-- Until now every change was an account event, so its sequence is the version risk continues from.
UPDATE accounts SET version = last_sequence;
ALTER TABLE balances RENAME COLUMN last_sequence TO version;
