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
  commands=(-n dossier "rm -rf $out; $bin build --quiet --content $corpus --out $out"
            -n cmark-floor "$work/cmark_floor $work/list-$n.txt")
  if command -v hugo >/dev/null 2>&1; then
    hugo_site=$work/hugo-$n
    [ -f "$hugo_site/config.toml" ] || { rm -rf "$hugo_site"; python3 "$gen" --pages "$n" --out "$hugo_site" --flavor hugo >/dev/null; }
    commands+=(-n hugo "rm -rf $work/hugo-out; hugo --quiet -s $hugo_site -d $work/hugo-out")
  fi
  echo "== $n briefings =="
  # Built from the repository root so that the default templates are found.
  hyperfine --warmup 1 --runs "$runs" --style basic "${commands[@]}" 2>&1 | grep -E '^(Benchmark|  Time|  Range)' || true
  rm -rf "$out"
  /usr/bin/time -f "dossier $n: wall %e s, user %U s, sys %S s, peak RSS %M KiB" "$bin" build --quiet --content "$corpus" --out "$out"
  "$bin" build --content "$corpus" --out "$out" | tail -n 1
done
