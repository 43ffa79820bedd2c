-- Keeps the trade with the highest id: a replayed or late trade never replaces a newer one.
-- KEYS: 1 last-trade key; ARGV: 1 trade id, 2 trade JSON. Returns 1 if written.
local current = redis.call('GET', KEYS[1])
if current then
  local id = cjson.decode(current)['tradeId']
  if tonumber(id) >= tonumber(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
