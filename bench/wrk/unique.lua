-- Makes every request's query string unique, so that neither the API's response cache
-- nor its count cache has seen it: "first-time" queries. The path template's {N} is
-- replaced by a number no other request of this sitting used:
--   n = base + thread_index + k * threads   (k counts this thread's requests)
-- `base` comes from the harness, which moves it past every n a run can have used.
-- Arguments after `--`: base, threads, template.

-- thread:set() makes `thread_index` a global of that thread's Lua state: it must not be
-- shadowed by a local here.
local next_thread = 0

function setup(thread)
  thread:set("thread_index", next_thread)
  next_thread = next_thread + 1
end

local base, threads, template
local k = 0

function init(args)
  base = tonumber(args[1])
  threads = tonumber(args[2])
  template = args[3]
end

function request()
  local n = base + thread_index + k * threads
  k = k + 1
  local path = string.gsub(template, "{N}", string.format("%d", n))
  return wrk.format("GET", path)
end
