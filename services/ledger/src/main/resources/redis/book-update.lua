-- Applies one book update atomically, only if it is the next of the symbol's sequence.
-- Levels are absolute (quantity after the change), so after a gap every level touched since is right
-- again; the update is applied, the gap is flagged on the view and reported to the caller.
-- KEYS: 1 bids hash, 2 asks hash, 3 bids index, 4 asks index, 5 seq, 6 top view, 7 gap flag
-- ARGV: 1 sequence, 2 depth, 3 symbol, 4 bid count, then per bid: member, score, level JSON ('' removes),
--       then the ask count and the asks the same way.
-- Returns {status, stored}: status 0 = duplicate/stale (ignored), 1 = applied, 2 = applied after a gap.
local seq = tonumber(ARGV[1])
local stored = redis.call('GET', KEYS[5])
local status = 1
if stored then
  stored = tonumber(stored)
  if seq <= stored then
    return {0, stored}
  end
  if seq ~= stored + 1 then
    status = 2
  end
end

local function apply(hash, index, from, count)
  for i = 0, count - 1 do
    local at = from + i * 3
    local member, score, level = ARGV[at], ARGV[at + 1], ARGV[at + 2]
    if level == '' then
      redis.call('HDEL', hash, member)
      redis.call('ZREM', index, member)
    else
      redis.call('HSET', hash, member, level)
      redis.call('ZADD', index, score, member)
    end
  end
end

local bidCount = tonumber(ARGV[4])
apply(KEYS[1], KEYS[3], 5, bidCount)
local askAt = 5 + bidCount * 3
apply(KEYS[2], KEYS[4], askAt + 1, tonumber(ARGV[askAt]))

local depth = tonumber(ARGV[2])
local function top(hash, index, descending)
  local prices
  if descending then
    prices = redis.call('ZREVRANGE', index, 0, depth - 1)
  else
    prices = redis.call('ZRANGE', index, 0, depth - 1)
  end
  if #prices == 0 then
    return ''
  end
  return table.concat(redis.call('HMGET', hash, unpack(prices)), ',')
end

redis.call('SET', KEYS[5], ARGV[1])
redis.call('SET', KEYS[6], '{"symbol":' .. cjson.encode(ARGV[3]) .. ',"sequence":' .. ARGV[1]
    .. ',"bids":[' .. top(KEYS[1], KEYS[3], true) .. '],"asks":[' .. top(KEYS[2], KEYS[4], false) .. ']}')
if status == 2 then
  redis.call('SET', KEYS[7], '{"expected":' .. string.format('%d', stored + 1) .. ',"got":' .. ARGV[1] .. '}')
end
return {status, stored or 0}
