#!/usr/bin/env bash
# Benchmark: builds the synthetic 1k and 10k corpora (../shared/bench/gen_corpus.py) with the
# release binary and prints wall time, CPU time and peak memory, next to the libcmark floor
# (and Hugo, when it is installed). Not a test: figures depend on the machine.
#   scripts/bench.sh [SIZES...]      default: 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gen=${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}
floor_src=${CMARK_FLOOR:-$root/../shared/bench/cmark_floor.c}
work=${BENCH_DIR:-/tmp/dossier-bench}
runs=${BENCH_RUNS:-5}
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

scripts/install-deps.sh hyperfine time
swift build -c release --product dossier >/dev/null
bin=$root/.build/release/dossier
mkdir -p "$work"
cc -O2 -o "$work/cmark_floor" "$floor_src" -lcmark

for n in "${sizes[@]}"; do
  corpus=$work/corpus-$n
  [ -f "$corpus/site.yml" ] || { rm -rf "$corpus"; python3 "$gen" --pages "$n" --out "$corpus" >/dev/null; }
  find "$corpus/briefings" -name '*.md' | sort > "$work/list-$n.txt"
  out=$work/out-$n
  spare=$work/.out-$n.spare
  # Cold: no earlier output at all. Rebuild: the previous output is there, as when a writer
  # builds again (Dossier reuses the replaced output's files, see OutputFolder).
  names=(-n "dossier cold" -n "dossier rebuild" -n cmark-floor)
  commands=("$bin build --quiet --content $corpus --out $out"
            "$bin build --quiet --content $corpus --out $out"
            "$work/cmark_floor $work/list-$n.txt")
  prepares=("rm -rf $out $spare" "true" "true")
  if command -v hugo >/dev/null 2>&1; then
    hugo_site=$work/hugo-$n
    [ -f "$hugo_site/config.toml" ] || { rm -rf "$hugo_site"; python3 "$gen" --pages "$n" --out "$hugo_site" --flavor hugo >/dev/null; }
    names+=(-n "hugo cold" -n "hugo rebuild")
    commands+=("hugo --quiet -s $hugo_site -d $work/hugo-out" "hugo --quiet -s $hugo_site -d $work/hugo-out")
    prepares+=("rm -rf $work/hugo-out" "true")
  fi
  args=()
  for i in "${!commands[@]}"; do args+=(--prepare "${prepares[$i]}"); done
  echo "== $n briefings (median of $runs runs after a warm-up) =="
  # Built from the repository root so that the default templates are found.
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$work/bench-$n.json" \
    "${args[@]}" "${names[@]}" "${commands[@]}" >/dev/null 2>&1
  python3 - "$work/bench-$n.json" <<'PY'
import json, statistics, sys
print(f"{'command':<18}{'median wall':>12}{'min':>9}{'max':>9}{'user':>9}{'sys':>9}")
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"{r['command']:<18}{r['median']:>11.2f}s{r['min']:>8.2f}s{r['max']:>8.2f}s{r['user']:>8.2f}s{r['system']:>8.2f}s")
PY
  rm -rf "$out"
  rm -rf "$spare"
  /usr/bin/time -f "dossier $n cold: wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$bin" build --quiet --content "$corpus" --out "$out"
  /usr/bin/time -f "dossier $n rebuild: wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$bin" build --content "$corpus" --out "$out"
  if command -v hugo >/dev/null 2>&1; then
    rm -rf "$work/hugo-out"
    /usr/bin/time -f "hugo $n cold: wall %e s, user %U s, sys %S s, peak RSS %M KiB" hugo --quiet -s "$work/hugo-$n" -d "$work/hugo-out"
  fi
  echo
  # The cost of chart blocks: the same corpus with every chart block turned into a code block.
  plain=$work/corpus-$n-nocharts
  if [ ! -f "$plain/site.yml" ]; then
    rm -rf "$plain"; cp -r "$corpus" "$plain"
    find "$plain/briefings" -name '*.md' -exec sed -i 's/^```chart$/```text/' {} +
  fi
  charts=$(grep -rx '```chart' "$corpus/briefings" | wc -l)
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$work/charts-$n.json" \
    -n with-charts "$bin build --quiet --content $corpus --out $work/charts-out-$n" \
    -n without-charts "$bin build --quiet --content $plain --out $work/plain-out-$n" >/dev/null 2>&1
  python3 - "$work/charts-$n.json" "$charts" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
w, p = r["with-charts"], r["without-charts"]
print(f"chart blocks: {n}; median build {w['median']:.2f} s with, {p['median']:.2f} s without;"
      f" CPU {w['user'] + w['system']:.2f} s vs {p['user'] + p['system']:.2f} s;"
      f" about {1e6 * ((w['user'] + w['system']) - (p['user'] + p['system'])) / max(n, 1):.0f} µs of CPU per chart (two SVG variants, data table)")
PY
  echo
  echo "serve, rebuild latency with the $n-briefing corpus loaded:"
  python3 scripts/bench_serve.py --bin "$bin" --corpus "$corpus" --runs 5
  echo
done
