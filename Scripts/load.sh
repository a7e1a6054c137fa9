#!/usr/bin/env bash
# The embedded mock under load (`make load`): wrk for LOAD_SECONDS (default 30) with LOAD_CONNECTIONS (default 256)
# on GET /api/v1/status while LOAD_FLOODERS (default 4) loops send malformed requests on fresh connections.
# Pass: the mock never dies, its resident memory stays bounded, it answers the same 200 afterwards, and it stops
# cleanly on SIGINT. Prints wrk's figures, the flood's counts and RSS samples. Needs wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${LOAD_SECONDS:-30}"
connections="${LOAD_CONNECTIONS:-256}"
flooders="${LOAD_FLOODERS:-4}"
binary="${MESHCHECK:-.build/debug/meshcheck}"
command -v wrk >/dev/null || { echo "load: wrk is not installed (apt-get install wrk)"; exit 2; }
command -v curl >/dev/null || { echo "load: curl is not installed"; exit 2; }

work=$(mktemp -d)
"$binary" mock --port 0 >"$work/mock.log" 2>&1 &
mock=$!
cleanup() { kill -KILL "$mock" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 100); do grep -q "listening on" "$work/mock.log" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$work/mock.log" | head -1 | cut -d: -f2)
[ -n "$port" ] || { echo "load: the mock did not start"; cat "$work/mock.log"; exit 1; }
url="http://127.0.0.1:$port/api/v1/status"
auth=(-H "X-Client-Id: load-client" -H "X-Client-Secret: load-secret")
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$mock/status" 2>/dev/null || echo "dead"; }
answer() { curl -s -o "$1" -w '%{http_code}' --max-time 10 "${auth[@]}" "$url"; }

[ "$(answer "$work/before.json")" = 200 ] || { echo "load: the mock does not answer before the load"; exit 1; }
echo "load: mock pid $mock on port $port; RSS before: $(rss) MiB"

# Malformed requests, one per fresh connection; each should get a 4xx/5xx or a close.
malformed=(
    'GET / HTTP/1.1\nHost: a\n\n'
    'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello'
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'
    'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'
    'GET / HTTP/9.9\r\nHost: a\r\n\r\n'
    'GE T / HTTP/1.1\r\nHost: a\r\n\r\n'
    'GET / HTTP/1.1\r\nHost: a\r\nNo-Colon-Here\r\n\r\n'
    'GET / HTTP/1.1\r\nHost : a\r\n\r\n'
    'GET / HTTP/1.1\r\nHost: a\r\nX: a\r\n folded\r\n\r\n'
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n'
    'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n'
    'GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n'
    'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'
    '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03'
    'GET /'"$(printf 'a%.0s' $(seq 9000))"' HTTP/1.1\r\nHost: a\r\n\r\n'
    'GET / HTTP/1.1\r\nHost: a\r\nX-Big: '"$(printf 'b%.0s' $(seq 70000))"'\r\n\r\n'
    'POST /api/v1/authenticate HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n{"a'
)
flood() {
    local end=$((SECONDS + seconds)) sent=0 answered=0 line
    while [ $SECONDS -lt $end ]; do
        for request in "${malformed[@]}"; do
            exec 3<>"/dev/tcp/127.0.0.1/$port" || continue
            printf '%b' "$request" >&3 2>/dev/null || true
            sent=$((sent + 1))
            if IFS= read -r -t 2 line <&3 2>/dev/null; then
                case "$line" in HTTP/1.1\ [45]*) answered=$((answered + 1)) ;; esac
            fi
            exec 3>&- 3<&-
        done
    done
    echo "$sent $answered" >"$work/flood.$1"
}
helpers=()
for index in $(seq "$flooders"); do flood "$index" & helpers+=($!); done
( for _ in $(seq $((seconds / 5))); do sleep 5; echo "$(rss)" >>"$work/rss"; done ) &
helpers+=($!)
wrk -t 2 -c "$connections" -d "${seconds}s" --latency "${auth[@]}" "$url" >"$work/wrk.txt" 2>&1 || true
wait "${helpers[@]}"
cat "$work/wrk.txt"
sent=0; answered=0
for file in "$work"/flood.*; do read -r s a <"$file"; sent=$((sent + s)); answered=$((answered + a)); done
echo "load: malformed flood: $sent requests on fresh connections, $answered answered 4xx/5xx; the rest (incomplete requests) got no status line within 2 s"
echo "load: RSS every 5 s under load (MiB): $(tr '\n' ' ' <"$work/rss")"

status=0
if ! kill -0 "$mock" 2>/dev/null; then echo "load: FAIL: the mock died"; cat "$work/mock.log"; exit 1; fi
code=$(answer "$work/after.json")
if [ "$code" = 200 ] && cmp -s "$work/before.json" "$work/after.json"; then
    echo "load: the mock still answers GET /api/v1/status with the same 200 body"
else
    echo "load: FAIL: after the load the mock answered $code"; status=1
fi
after=$(rss)
echo "load: RSS after: $after MiB"
if [ "$after" -gt 1024 ]; then echo "load: FAIL: RSS above 1 GiB"; status=1; fi
kill -INT "$mock"
for _ in $(seq 100); do kill -0 "$mock" 2>/dev/null || break; sleep 0.1; done
if wait "$mock"; then echo "load: the mock stopped cleanly on SIGINT"; else echo "load: FAIL: the mock exited $?"; status=1; fi
exit $status
