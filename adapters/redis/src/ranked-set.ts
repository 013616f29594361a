/**
 * SET unless the entry there has a higher rank, in one step on the server (a Lua script: Redis runs
 * it alone, so no other client's write lands between the read and the write). An entry is kept as
 * `<rank>\n<value>`; ranks are digit strings (the longer, or the greater of equal length, is higher),
 * and an unranked set (an empty rank) replaces any entry.
 * KEYS[1]: the key; ARGV: the rank, the value, the TTL in milliseconds, and "1" to set only where no entry is.
 * Answers 1 when it set, 0 when it kept the entry.
 */
export const RANKED_SET_SCRIPT = `
local held = redis.call('GET', KEYS[1])
local incoming = ARGV[1]
if held and ARGV[4] == '1' then
  return 0
end
if held and incoming ~= '' then
  local rank = string.match(held, '^(%d*)\\n')
  if rank and rank ~= '' and (#rank > #incoming or (#rank == #incoming and rank > incoming)) then
    return 0
  end
end
redis.call('SET', KEYS[1], incoming .. '\\n' .. ARGV[2], 'PX', ARGV[3])
return 1
`;

/** The value of an entry as `RANKED_SET_SCRIPT` keeps it. */
export function entryValue(held: string): string {
  return held.slice(held.indexOf("\n") + 1);
}
