# Shared by the benchmark scripts (source it).

# write_section NAME SECTION_FILE DOC: replaces the part of DOC between <!-- bench:NAME --> and
# <!-- /bench:NAME --> with the file's content (which carries both markers), or appends it when
# DOC has no such part yet. Hand-kept text outside the markers stays.
write_section() {
  local name=$1 section=$2 doc=$3 tmp
  if [[ -f $doc ]] && grep -q "<!-- bench:$name -->" "$doc" && grep -q "<!-- /bench:$name -->" "$doc"; then
    tmp=$(mktemp)
    awk -v sec="$section" -v first="<!-- bench:$name -->" -v last="<!-- /bench:$name -->" '
      $0 == first { while ((getline line < sec) > 0) print line; skip = 1; next }
      $0 == last { skip = 0; next }
      !skip { print }' "$doc" >"$tmp"
    cp "$tmp" "$doc"
    rm -f "$tmp"
  else
    [[ -f $doc ]] || printf '# Benchmarks\n\n' >"$doc"
    { echo; cat "$section"; } >>"$doc"
  fi
  echo "bench: wrote docs/benchmarks.md"
}

# ---- a server and its clients (the scripts set BIN, WORK and SERVER_PID="" before using these)

# free_port: a free TCP port on the loopback.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
now_ms() { date +%s%3N; }

# start_server URL PORT: starts $BIN serve on the database in the background (log in
# $WORK/server.log); sets SERVER_PID; returns when /api/v1/health answers (60 s at most).
start_server() {
  "$BIN" serve --db "$1" --listen "127.0.0.1:$2" --access-log off >>"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  local deadline=$(($(now_ms) + 60000))
  until curl -fs -o /dev/null "http://127.0.0.1:$2/api/v1/health"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "bench: jixiao serve died:"; tail -20 "$WORK/server.log"; exit 1; } >&2
    (($(now_ms) < deadline)) || { echo "bench: jixiao serve not ready in 60 s" >&2; exit 1; }
    sleep 0.05
  done
}
stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# shell_sql_ms URL SQL_FILE RUNS: runs the statements of SQL_FILE RUNS times in the database's
# own shell (sqlite3 with .timer on for sqlite://…, else psql with \timing) and prints the median
# over the runs of their summed time, in ms (the shell's own timing: no process start, no
# output formatting counted).
shell_sql_ms() {
  local url=$1 file=$2 runs=$3 script times i
  script=$(mktemp)
  times=$(mktemp)
  if [[ $url == sqlite://* ]]; then
    { echo ".timer on"; for i in $(seq "$runs"); do cat "$file"; done; } >"$script"
    sqlite3 "${url#sqlite://}" <"$script" | awk '/^Run Time: real/ {printf "%.3f\n", $4 * 1000}' >"$times"
  else
    { echo '\timing on'; for i in $(seq "$runs"); do cat "$file"; done; } >"$script"
    psql -X -q "$url" -f "$script" | awk '/^Time: / {print $2}' >"$times"
  fi
  awk -v runs="$runs" '
    { t[NR] = $1 }
    END {
      if (NR == 0 || NR % runs) exit 1
      per = NR / runs
      for (r = 0; r < runs; r++) { s = 0; for (k = 1; k <= per; k++) s += t[r * per + k]; print s }
    }' "$times" | sort -n | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print "?"; exit }
      printf "%.1f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
  rm -f "$script" "$times"
}

# machine_note: "N cores (CPU), M GiB" of this machine.
machine_note() {
  echo "$(nproc) cores ($(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)), $(awk '/^MemTotal:/{printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
}
