#!/usr/bin/env bash
# make dist: the portable release tarball dist/dossier-VERSION-linux-ARCH.tar.gz and its SHA-256.
# The binary links the Swift runtime, Foundation and libcmark statically (libc, libm, libstdc++
# and libgcc stay shared), so it runs on a Debian or Ubuntu machine without Swift or libcmark.
# The normal builds (`make site`, `make test`) keep linking them dynamically.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(head -n 1 VERSION)
arch=$(uname -m)
name="dossier-$version-linux-$arch"
stage="dist/$name"

# One date for the man page and the archive's timestamps: the commit's, so that the same commit
# gives the same tarball (SOURCE_DATE_EPOCH wins when set; no git: the VERSION file's time).
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || stat -c %Y VERSION)
fi
export SOURCE_DATE_EPOCH
day=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)

# A release tag must agree with VERSION.
if tag=$(git describe --tags --exact-match HEAD 2>/dev/null) && [ "$tag" != "v$version" ]; then
  echo "error: HEAD is tagged $tag but VERSION says $version" >&2
  exit 1
fi

start=$(date +%s)

# The portable binary. --static-swift-stdlib changes every compile command, so it builds in its
# own folder (.build-dist) and leaves the normal builds in .build alone. libcmark: the package
# manager links what pkg-config says (`-L/usr/lib/x86_64-linux-gnu -lcmark`, which finds
# libcmark.so first), so this build gets its own libcmark.pc whose libdir is a private folder
# that holds only Debian's libcmark.a: `-lcmark` then finds the static archive.
scratch="$PWD/.build-dist"
static_libs="$scratch/static-libs"
mkdir -p "$static_libs"
ln -sf "$(pkg-config --variable=libdir libcmark)/libcmark.a" "$static_libs/libcmark.a"
sed "s#^libdir=.*#libdir=$static_libs#" "$(pkg-config --variable=pcfiledir libcmark)/libcmark.pc" > "$static_libs/libcmark.pc"
export PKG_CONFIG_PATH="$static_libs${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
swift build --scratch-path "$scratch" -c release --product dossier --static-swift-stdlib
bin_path=$(swift build --scratch-path "$scratch" -c release --show-bin-path)
binary="$bin_path/dossier"

# NOTICE must list exactly the packages this binary links.
python3 scripts/check-notice.py --linked "$bin_path/dossier.product/Objects.LinkFileList"

# swift-argument-parser's manual generator (the tool behind its generate-manual plugin), built
# from the resolved checkout; it reads the binary's --experimental-dump-help.
swift build --package-path "$scratch/checkouts/swift-argument-parser" --scratch-path "$scratch/generate-manual" \
  --product generate-manual
generate_manual="$(swift build --package-path "$scratch/checkouts/swift-argument-parser" --scratch-path "$scratch/generate-manual" --show-bin-path)/generate-manual"

rm -rf "$stage" "dist/$name.tar.gz" "dist/$name.tar.gz.sha256"
mkdir -p "$stage/completions" "$stage/man" "$stage/licenses"
strip -o "$stage/dossier" "$binary"

# Refuse a binary that still needs the toolchain's or libcmark's shared libraries.
if ldd "$stage/dossier" | grep -E 'libcmark|libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|/opt/swift'; then
  echo "error: $stage/dossier still links the shared libraries above" >&2
  exit 1
fi

"$stage/dossier" --generate-completion-script bash > "$stage/completions/dossier.bash"
"$stage/dossier" --generate-completion-script zsh > "$stage/completions/_dossier"
"$stage/dossier" --generate-completion-script fish > "$stage/completions/dossier.fish"
"$generate_manual" "$stage/dossier" --date "$day" --output-directory "$stage/man"
cp README.md LICENSE NOTICE CHANGELOG.md "$stage/"
cp scripts/install.sh "$stage/install.sh"
cat > "$stage/Makefile" <<'MAKEFILE'
# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, completions and man page.
PREFIX ?= /usr/local
install:
	./install.sh "$(PREFIX)"
.PHONY: install
MAKEFILE

# The licence texts of everything compiled into the binary, as NOTICE lists them.
while IFS= read -r checkout; do
  package=$(basename "$checkout")
  mkdir -p "$stage/licenses/$package"
  find "$checkout" -maxdepth 1 -type f \( -iname 'LICENSE*' -o -iname 'LICENCE*' -o -iname 'COPYING*' -o -iname 'NOTICE*' \) \
    -exec cp {} "$stage/licenses/$package/" \;
done < <(find "$scratch/checkouts" -mindepth 1 -maxdepth 1 -type d | sort)
mkdir -p "$stage/licenses/libcmark" "$stage/licenses/swift"
cp /usr/share/doc/libcmark-dev/copyright "$stage/licenses/libcmark/copyright"
swift_root=$(dirname "$(dirname "$(command -v swift)")")
cp "$swift_root/share/swift/LICENSE.txt" "$stage/licenses/swift/LICENSE.txt"

# A reproducible archive: sorted names, fixed owner and times, no gzip timestamp.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C dist -cf - "$name" | gzip -9 -n > "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

end=$(date +%s)
echo "dist/$name.tar.gz: $(du -h --apparent-size "dist/$name.tar.gz" | cut -f1) packed," \
     "$(du -sh --apparent-size "$stage" | cut -f1) unpacked (binary $(du -h --apparent-size "$stage/dossier" | cut -f1)), built in $((end - start)) s"
cat "dist/$name.tar.gz.sha256"
"$stage/dossier" --version
