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
