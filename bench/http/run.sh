#!/usr/bin/env bash
# HTTP benchmark of `jixiao serve`, compared in the same run with nginx serving the same bytes.
#
#   bench/http/run.sh [--duration 10s] [--connections 64] [--threads 2] [--no-write]
#
# Builds nothing: expects build/release/jixiao (cmake --build --preset release) and web/dist.
# Measures, on a temporary SQLite demo database:
#   (a) GET /api/v1/health                            jixiao, no session
#   (b) GET /api/v1/me with a session cookie           jixiao, session lookup + JSON
#   (c) nginx serving the exact bytes of (b) from a file with the same Content-Type
# with wrk (-t2 -c64 -d10s --latency): req/s, p50, p99; plus the idle server's resident memory
# (VmRSS) and the readiness time of `jixiao serve` on an empty database (init only), averaged
# over 5 starts. Writes the section between <!-- bench:http --> and <!-- /bench:http --> in
# docs/benchmarks.md (the rest of the file is kept). Loopback only.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$PWD
BIN=${JX_BIN:-$ROOT/build/release/jixiao}
DOC=$ROOT/docs/benchmarks.md
DURATION=10s
CONNECTIONS=64
THREADS=2
WRITE=1
while (($# > 0)); do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --no-write) WRITE=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown argument: $1 (try --help)" >&2; exit 2 ;;
  esac
done

for tool in wrk nginx curl node; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup installs it)" >&2; exit 1; }
done
[[ -x $BIN ]] || { echo "bench: $BIN is missing: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
[[ -f $ROOT/web/dist/index.html ]] || { echo "bench: web/dist is missing: (cd web && npm run build)" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/jx-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user and read the file from here
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
now_ms() { date +%s%3N; }

# start_server DB PORT: starts jixiao serve in the background; sets SERVER_PID.
start_server() {
  "$BIN" serve --db "sqlite://$1" --listen "127.0.0.1:$2" --web-dir "$ROOT/web/dist" \
    >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
}
# wait_ready PORT: polls /api/v1/health until it answers 200 (10 s at most).
wait_ready() {
  local deadline=$(($(now_ms) + 10000))
  until curl -fs -o /dev/null "http://127.0.0.1:$1/api/v1/health"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: jixiao serve died:"; tail -20 "$WORK/server.log"; exit 1; } >&2
    (($(now_ms) < deadline)) || { echo "bench: jixiao serve not ready in 10 s" >&2; exit 1; }
    sleep 0.005
  done
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# --------------------------------------------------------------------- readiness, empty DB
echo "bench: readiness of jixiao serve on an empty database (init only), 5 starts"
READY_TIMES=()
for i in 1 2 3 4 5; do
  DB=$WORK/empty-$i.db
  "$BIN" init --db "sqlite://$DB" >/dev/null
  PORT=$(free_port)
  T0=$(now_ms)
  start_server "$DB" "$PORT"
  wait_ready "$PORT"
  T1=$(now_ms)
  READY_TIMES+=($((T1 - T0)))
  stop_server
done
SUM=0
for t in "${READY_TIMES[@]}"; do SUM=$((SUM + t)); done
READY_AVG=$((SUM / ${#READY_TIMES[@]}))
echo "  ready in ${READY_TIMES[*]} ms (average $READY_AVG ms)"

# --------------------------------------------------------------------- demo server
DB=$WORK/demo.db
"$BIN" demo --db "sqlite://$DB" >"$WORK/demo.txt"
PORT=$(free_port)
start_server "$DB" "$PORT"
wait_ready "$PORT"
sleep 1
RSS_KB=$(awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status")
RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN{printf "%.1f", k/1024}')
echo "bench: idle jixiao serve (demo database): VmRSS $RSS_MB MB"

BASE=http://127.0.0.1:$PORT
USER=sysadmin
PASSWORD=Demo@2026jx
curl -fsS -c "$WORK/cookies" -o "$WORK/login.json" -H 'Content-Type: application/json' \
  --data "{\"username\":\"$USER\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login"
COOKIE=$(awk '$6=="jx_session"{print "jx_session=" $7}' "$WORK/cookies")
[[ -n $COOKIE ]] || { echo "bench: no jx_session cookie after login" >&2; exit 1; }
# The exact body and Content-Type of (b), for nginx to serve.
curl -fsS -H "Cookie: $COOKIE" -D "$WORK/me.headers" -o "$WORK/me.json" "$BASE/api/v1/me"
ME_TYPE=$(awk -F': ' 'tolower($1)=="content-type"{sub(/\r$/,"",$2); print $2}' "$WORK/me.headers")
ME_BYTES=$(stat -c %s "$WORK/me.json")

# --------------------------------------------------------------------- nginx
NPORT=$(free_port)
mkdir -p "$WORK/nginx/html" "$WORK/nginx/tmp"
cp "$WORK/me.json" "$WORK/nginx/html/me"
cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes $THREADS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$NPORT;
    root $WORK/nginx/html;
    location = /api/v1/me {
      default_type "$ME_TYPE";
      types { }
      try_files /me =404;
    }
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$NPORT/api/v1/me" && break; sleep 0.05; done
cmp -s <(curl -fsS "http://127.0.0.1:$NPORT/api/v1/me") "$WORK/me.json" ||
  { echo "bench: nginx does not serve the same bytes" >&2; exit 1; }
NGINX_TYPE=$(curl -fsS -o /dev/null -D - "http://127.0.0.1:$NPORT/api/v1/me" | awk -F': ' 'tolower($1)=="content-type"{sub(/\r$/,"",$2); print $2}')
[[ $NGINX_TYPE == "$ME_TYPE" ]] || { echo "bench: nginx Content-Type '$NGINX_TYPE' != '$ME_TYPE'" >&2; exit 1; }

# --------------------------------------------------------------------- wrk
# run_wrk NAME URL [HEADER]: prints "req/s p50_ms p99_ms non2xx" for the run.
run_wrk() {
  local name=$1 url=$2 header=${3:-} out=$WORK/wrk-$1.txt
  local args=(-t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency)
  [[ -n $header ]] && args+=(-H "$header")
  wrk "${args[@]}" "$url" >"$out"
  sed 's/^/    /' "$out" >&2
  awk '
    function ms(v) {
      if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
      if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
      if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
      return v
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { bad = $NF }
    END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad + 0 }' "$out"
}

echo "bench: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
echo "  (a) GET /api/v1/health" >&2
read -r A_RPS A_P50 A_P99 A_BAD < <(run_wrk health "$BASE/api/v1/health")
echo "  (b) GET /api/v1/me with the session cookie" >&2
read -r B_RPS B_P50 B_P99 B_BAD < <(run_wrk me "$BASE/api/v1/me" "Cookie: $COOKIE")
echo "  (c) nginx, the same bytes as (b)" >&2
read -r C_RPS C_P50 C_P99 C_BAD < <(run_wrk nginx "http://127.0.0.1:$NPORT/api/v1/me")
for v in "$A_BAD" "$B_BAD" "$C_BAD"; do
  ((v == 0)) || { echo "bench: a run had $v non-2xx responses; results are not valid" >&2; exit 1; }
done
# The session must still be good after the load (nothing rate-limited or expired it).
curl -fsS -o /dev/null -H "Cookie: $COOKIE" "$BASE/api/v1/me"

RATIO=$(awk -v b="$B_RPS" -v c="$C_RPS" 'BEGIN{printf "%.0f", 100 * b / c}')
verdict() { if (($1)); then echo "met"; else echo "**not met**"; fi; }
V_RATIO=$(verdict "$((RATIO >= 70))")
V_RSS=$(verdict "$((RSS_KB < 40 * 1024))")
V_READY=$(verdict "$((READY_AVG < 300))")

CPU=$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)
NPROC=$(nproc)
MEM=$(awk '/^MemTotal:/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)
VERSION=$("$BIN" version 2>/dev/null | head -1)
DATE=$(date -u +%Y-%m-%d)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo "?")

SECTION=$WORK/section.md
cat >"$SECTION" <<EOF
<!-- bench:http -->
## HTTP: jixiao serve against nginx

Measured $DATE on $NPROC cores ($CPU), $MEM, commit $COMMIT, ${VERSION:-jixiao}; SQLite demo
database; client and servers on the same machine over loopback (wrk takes CPU from the server
under test, equally for jixiao and nginx). Load average before the run: $LOAD_BEFORE (other
work on the machine lowers every row; the ratio (b)/(c) is measured in the same run).
Command: \`bench/http/run.sh\` (wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency for each row).

| | what | req/s | p50 ms | p99 ms |
|---|---|---:|---:|---:|
| (a) | \`GET /api/v1/health\` (jixiao, no session) | $A_RPS | $A_P50 | $A_P99 |
| (b) | \`GET /api/v1/me\` with a session cookie (jixiao) | $B_RPS | $B_P50 | $B_P99 |
| (c) | nginx serving the same $ME_BYTES bytes as (b) from a file, \`$ME_TYPE\` | $C_RPS | $C_P50 | $C_P99 |

| goal | measured | |
|---|---|---|
| (b) at least 70% of (c) | (b)/(c) = $RATIO% | $V_RATIO |
| idle \`jixiao serve\` resident memory (VmRSS, demo database) under 40 MB | $RSS_MB MB | $V_RSS |
| \`jixiao serve\` ready (spawn to first 200 from /api/v1/health, empty database, average of 5) under 300 ms | $READY_AVG ms (${READY_TIMES[*]}) | $V_READY |
<!-- /bench:http -->
EOF

cat "$SECTION"
if ((WRITE)); then
  write_section http "$SECTION" "$DOC"
fi
