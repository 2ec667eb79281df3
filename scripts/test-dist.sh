#!/usr/bin/env bash
# make test-dist: proves that the packed release binary is portable. It unpacks the tarball that
# `make dist` wrote, runs the binary under bubblewrap with the Swift toolchain folder and the
# libcmark shared library hidden, builds the sample site (both editions) with it, and compares the
# output with a normal build's, byte for byte. A dynamically linked build must fail in the same
# sandbox, or the sandbox would prove nothing.
set -euo pipefail
cd "$(dirname "$0")/.." || exit 1
scripts/install-deps.sh bubblewrap

version=$(head -n 1 VERSION)
name="dossier-$version-linux-$(uname -m)"
if [ ! -f "dist/$name.tar.gz" ]; then
  echo "error: dist/$name.tar.gz is missing: run 'make dist' first" >&2
  exit 1
fi
(cd dist && sha256sum --check "$name.tar.gz.sha256")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "dist/$name.tar.gz" -C "$work"
packed="$work/$name/dossier"
echo "== ldd $name/dossier"
ldd "$packed"

# What to hide: the toolchain folder (the one holding usr/bin/swift) and every libcmark.so file.
toolchain=$(cd "$(dirname "$(command -v swift)")/../.." && pwd)
hide=(--tmpfs "$toolchain")
for library in "$(pkg-config --variable=libdir libcmark)"/libcmark.so*; do
  hide+=(--ro-bind /dev/null "$(readlink -f "$library")")
done
sandbox() {
  bwrap --bind / / --dev /dev --proc /proc "${hide[@]}" --unsetenv LD_LIBRARY_PATH --chdir "$PWD" -- "$@"
}
if ! sandbox sh -c "test ! -e '$toolchain/usr/bin/swift' && test ! -s '$(readlink -f "$(pkg-config --variable=libdir libcmark)/libcmark.so")'"; then
  echo "error: the sandbox still shows the toolchain or libcmark.so" >&2
  exit 1
fi
echo "== hidden: $toolchain (empty) and $(pkg-config --variable=libdir libcmark)/libcmark.so* (empty files)"

# The normal build: the release binary linked as `make site` links it (toolchain and libcmark.so).
swift build -c release --product dossier
normal="$(swift build -c release --show-bin-path)/dossier"
if sandbox "$normal" --version >"$work/control.log" 2>&1; then
  echo "error: the normally linked binary ran in the sandbox, so the sandbox hides nothing" >&2
  exit 1
fi
echo "== control: the normal build cannot start in the sandbox: $(head -n 1 "$work/control.log")"

reported=$(sandbox "$packed" --version)
echo "== $reported"
expected_cmark=$(pkg-config --modversion libcmark)
case "$reported" in
  "dossier $version (commit "*", libcmark $expected_cmark)") ;;
  *) echo "error: expected 'dossier $version (commit …, libcmark $expected_cmark)'" >&2; exit 1 ;;
esac
if commit=$(git rev-parse HEAD 2>/dev/null) && [[ "$reported" != *"commit $commit,"* ]]; then
  echo "error: the packed binary does not name the checked-out commit $commit" >&2
  exit 1
fi

for edition in public licensee; do
  "$normal" build --content content --edition "$edition" --now 2026-01-15 --out "$work/normal-$edition" --quiet
  sandbox "$packed" build --content content --edition "$edition" --now 2026-01-15 --out "$work/packed-$edition" --quiet
  diff -r "$work/normal-$edition" "$work/packed-$edition"
  echo "== $edition edition: $(find "$work/packed-$edition" -type f | wc -l) files, $(du -sh "$work/packed-$edition" | cut -f1), identical to the normal build's"
done
echo "The packed binary runs without the Swift toolchain and libcmark and builds the same site."
