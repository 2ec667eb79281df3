#!/usr/bin/env bash
# Benchmark (not a test: figures depend on the machine). Builds the synthetic corpora of
# ../shared/bench/gen_corpus.py with the release binary, and the same 10k corpus in its Hugo
# flavour with Hugo (Debian's 0.111.3), and prints one table: per case the median wall time of
# BENCH_RUNS runs (and min-max), the median CPU time (user + sys), the median peak RSS, then the
# ratios Dossier/Hugo (10k cold) and build --check/build (10k).
#
# Cases: a cold build (no earlier output) at each size; the 10k rebuild after one body edit (one
# briefing's body text changes, then `dossier build` again into the existing output); a cold
# `build --check` at 10k; Hugo cold at 10k; the libcmark floor at 10k (parse and render only).
# The cases alternate round by round after one warm-up round, so that a load that comes and goes
# on a shared machine spreads over all of them. Every tool writes to /dev/shm (tmpfs), so that the
# disk does not decide (see ../shared/TOOLCHAIN.md); corpora are read from BENCH_DIR, where they
# are generated once and kept.
#
#   scripts/bench.sh [SIZES...]          (make bench)
# Environment:
#   BENCH_RUNS=5                         timed runs per case
#   BENCH_SIZES="1000 10000 100000"      cold build sizes (or as arguments)
#   BENCH_SIZE=10000                     the size of the edit, check, Hugo and floor cases
#   BENCH_DIR=/tmp/dossier-bench         cached corpora
#   BENCH_SERVE=1                        then serve's rebuild latency at BENCH_SIZE
#                                        (scripts/bench_serve.py); 0 to skip
#   BENCH_CHARTS=0                       1: then the cost of chart blocks at BENCH_SIZE (the
#                                        corpus with its charts turned into code blocks)
# A quick run: BENCH_RUNS=3 scripts/bench.sh 1000 10000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
gen=${GEN_CORPUS:-$root/../shared/bench/gen_corpus.py}
floor_src=${CMARK_FLOOR:-$root/../shared/bench/cmark_floor.c}
work=${BENCH_DIR:-/tmp/dossier-bench}
runs=${BENCH_RUNS:-5}
size=${BENCH_SIZE:-10000}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || read -r -a sizes <<< "${BENCH_SIZES:-1000 10000 100000}"
out=$(mktemp -d /dev/shm/dossier-bench.XXXXXX)

scripts/install-deps.sh time hugo
swift build -c release --product dossier >/dev/null
bin=$root/.build/release/dossier
mkdir -p "$work"
cc -O2 -o "$work/cmark_floor" "$floor_src" -lcmark

# A corpus, generated once (into a side folder first, so that an interrupted run leaves none).
corpus() {  # SIZE FLAVOUR -> path
  local n=$1 flavour=$2 dir marker
  if [ "$flavour" = hugo ]; then dir=$work/hugo-$n marker=config.toml; else dir=$work/corpus-$n marker=site.yml; fi
  if [ ! -f "$dir/$marker" ]; then
    echo "generating the $n-briefing corpus ($flavour) in $dir" >&2
    rm -rf "$dir" "$dir.partial"
    python3 "$gen" --pages "$n" --out "$dir.partial" --flavor "$flavour" >/dev/null
    mv "$dir.partial" "$dir"
  fi
  echo "$dir"
}

# The edit case works on its own copy of the corpus (others may read the shared one meanwhile).
edit_corpus=$work/corpus-$size-edit
if [ ! -f "$edit_corpus/site.yml" ]; then
  rm -rf "$edit_corpus" "$edit_corpus.partial"
  cp -r "$(corpus "$size" native)" "$edit_corpus.partial"
  mv "$edit_corpus.partial" "$edit_corpus"
fi
edit_file=$(find "$edit_corpus/briefings" -name '*.md' | sort | sed -n "$((size / 2))p")
original=$work/corpus-$size-edit.original.md
[ -f "$original" ] && mv "$original" "$edit_file"  # after an interrupted run
cp "$edit_file" "$original"
cleanup() {
  mv "$original" "$edit_file" 2>/dev/null || true
  rm -rf "$out"
}
trap cleanup EXIT

# The cases: name, what to do before each run (not timed), the command.
names=() prepares=() commands=()
add() { names+=("$1"); prepares+=("$2"); commands+=("$3"); }
label() { case $1 in *000000) echo "$(($1 / 1000000))M" ;; *000) echo "$(($1 / 1000))k" ;; *) echo "$1" ;; esac; }
for n in "${sizes[@]}"; do
  c=$(corpus "$n" native)
  add "dossier cold $(label "$n")" "rm -rf $out/d-$n $out/.d-$n.spare" "$bin build --content $c --out $out/d-$n"
done
k=$(label "$size")
# Each round's edit differs from the last, so each timed run rebuilds after a real change.
add "dossier rebuild $k, 1 body edit" \
  "cp $original $edit_file && printf '\nA sentence added for the benchmark, round %s.\n' \$round >> $edit_file" \
  "$bin build --content $edit_corpus --out $out/edit"
add "dossier build --check $k" "rm -rf $out/check $out/.check.spare" "$bin build --check --content $(corpus "$size" native) --out $out/check"
add "hugo cold $k" "rm -rf $out/hugo" "hugo --quiet -s $(corpus "$size" hugo) -d $out/hugo"
find "$(corpus "$size" native)/briefings" -name '*.md' | sort > "$work/list-$size.txt"
add "libcmark floor $k" "true" "$work/cmark_floor $work/list-$size.txt"

results=$out/results.tsv
: > "$results"
echo "== $runs runs of each case after a warm-up round, alternating; output to $out (tmpfs)"
for round in $(seq 0 "$runs"); do
  [ "$round" = 0 ] && echo "warm-up round" || echo "round $round of $runs"
  for i in "${!names[@]}"; do
    (export round; bash -c "${prepares[$i]}")
    log=$out/case-$i.log
    if ! /usr/bin/time -f "%e %U %S %M" -o "$out/time" bash -c "${commands[$i]}" > "$log" 2>&1; then
      echo "error: '${names[$i]}' failed:" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    [ "$round" = 0 ] || printf '%s\t%s\n' "${names[$i]}" "$(tail -n 1 "$out/time")" >> "$results"
    grep -h '^Wrote' "$log" > "$out/stages-$i" || true
    grep -h ': warning: ' "$log" | head -n 3 >> "$out/stages-$i" || true
  done
  # Edit, then build: restore the briefing between rounds so the other cases never see the edit.
  cp "$original" "$edit_file"
done

echo
hugo_version=$(hugo version | sed -n 's/^hugo v\([0-9.]*\).*/\1/p')
printf '== Dossier %s (%s), Hugo %s; median of %s runs\n' "$(head -n 1 VERSION)" \
  "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo +changes)" "$hugo_version" "$runs"
python3 - "$results" "$k" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, figures = line.rstrip("\n").split("\t")
    wall, user, system, rss = figures.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(system), int(rss)))
med = lambda xs: statistics.median(xs)
print(f"{'case':<34}{'wall':>9}{'(min-max)':>15}{'CPU':>9}{'peak RSS':>11}")
summary = {}
for name, runs in rows.items():
    walls = [r[0] for r in runs]
    wall, cpu, rss = med(walls), med([r[1] for r in runs]), med([r[2] for r in runs])
    summary[name] = (wall, cpu, rss)
    print(f"{name:<34}{wall:>7.2f} s{f'({min(walls):.2f}-{max(walls):.2f})':>15}{cpu:>7.2f} s{rss / 1024:>7.0f} MiB")
k = sys.argv[2]
def ratio(a, b, label):
    if a in summary and b in summary:
        print(f"{label}: wall {summary[a][0] / summary[b][0]:.2f}, CPU {summary[a][1] / summary[b][1]:.2f}")
ratio(f"dossier cold {k}", f"hugo cold {k}", f"Dossier/Hugo, {k} cold")
ratio(f"dossier build --check {k}", f"dossier cold {k}", f"build --check/build, {k}")
ratio(f"dossier cold {k}", f"libcmark floor {k}", f"Dossier/libcmark floor, {k}")
PY
echo "Dossier's stages in the last run:"
for i in "${!names[@]}"; do
  if [ -s "$out/stages-$i" ]; then printf '  %s: %s\n' "${names[$i]}" "$(sed 's/^Wrote .* in //; 2,$s/^/    /' "$out/stages-$i")"; fi
done
cp "$results" "$work/bench-results.tsv"

if [ "${BENCH_CHARTS:-0}" = 1 ]; then
  # The cost of chart blocks: the same corpus with every chart block turned into a code block.
  c=$(corpus "$size" native)
  plain=$work/corpus-$size-nocharts
  if [ ! -f "$plain/site.yml" ]; then
    rm -rf "$plain" "$plain.partial"; cp -r "$c" "$plain.partial"
    find "$plain.partial/briefings" -name '*.md' -exec sed -i 's/^```chart$/```text/' {} +
    mv "$plain.partial" "$plain"
  fi
  charts=$(grep -rx '```chart' "$c/briefings" | wc -l)
  hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$out/charts.json" \
    --prepare "rm -rf $out/charts $out/.charts.spare" -n with-charts "$bin build --quiet --content $c --out $out/charts" \
    --prepare "rm -rf $out/charts $out/.charts.spare" -n without-charts "$bin build --quiet --content $plain --out $out/charts" >/dev/null 2>&1
  python3 - "$out/charts.json" "$charts" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n = int(sys.argv[2])
w, p = r["with-charts"], r["without-charts"]
print(f"chart blocks: {n}; median build {w['median']:.2f} s with, {p['median']:.2f} s without;"
      f" CPU {w['user'] + w['system']:.2f} s vs {p['user'] + p['system']:.2f} s;"
      f" about {1e6 * ((w['user'] + w['system']) - (p['user'] + p['system'])) / max(n, 1):.0f} µs of CPU per chart (two SVG variants, data table)")
PY
fi

if [ "${BENCH_SERVE:-1}" = 1 ]; then
  echo
  echo "serve, rebuild latency with the $k-briefing corpus loaded:"
  python3 scripts/bench_serve.py --bin "$bin" --corpus "$(corpus "$size" native)" --runs "$runs"
fi
