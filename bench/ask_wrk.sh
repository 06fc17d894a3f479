#!/usr/bin/env bash
# /ask throughput and latency measured with wrk (a C load generator, so the client costs
# little CPU next to the server) at concurrency 1, 10 and 50 against `kgbot serve`.
# Needs wrk (Debian: apt-get install wrk). Prints wrk's figures.
#   bash bench/ask_wrk.sh [seconds-per-level] [workers]
# One worker serves a seeded in-memory store; more serve a seeded on-disk store in a temp
# directory (`kgbot serve --workers N`). KGBOT_STORE=http://.../query (and
# KGBOT_STORE_UPDATE) measures against a SPARQL server instead.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}
workers=${2:-1}
port=${KGBOT_BENCH_PORT:-8765}
py=${PYTHON:-.venv/bin/python}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
tmp=$(mktemp -d)
store=${KGBOT_STORE:-}
if [ -z "$store" ]; then
  if [ "$workers" -gt 1 ]; then store="$tmp/store"; else store=":memory:"; fi
fi
KGBOT_STORE=$store KGBOT_PORT=$port "$py" -m bot.cli serve --workers "$workers" --log-level warning &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
url="http://127.0.0.1:$port/ask?q=what%20was%20hyperscaler%20capex%20in%202024"
for _ in $(seq 1 20); do curl -sf "$url" >/dev/null; done  # every worker has built its lexicon
echo "workers: $workers  store: $store"
printf '%-6s %10s %10s %10s\n' conc req/s p50 p99
for c in 1 10 50; do
  out=$(wrk -t1 -c"$c" -d"${secs}s" --latency "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  printf '%-6s %10s %10s %10s\n' "$c" "$rps" "$p50" "$p99"
done
