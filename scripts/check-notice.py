#!/usr/bin/env python3
"""Checks NOTICE against the package graph, so that it cannot drift.

check-notice.py [--linked OBJECTS.LinkFileList]

- The two package lists of NOTICE ("compiled into the dossier binary" and "resolved but not
  compiled into the binary") together name every package in Package.resolved, at its resolved
  version, and nothing else.
- With --linked (the link file list SwiftPM writes for the dossier product), the first list
  names exactly the packages that have object files in the binary.

Exits 1 with one line per problem, naming NOTICE's line where there is one.
"""
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COMPILED = "## Swift packages compiled into the dossier binary"
RESOLVED_ONLY = "## Swift packages resolved but not compiled into the binary"
ENTRY = re.compile(r"^- (\S+) (\S+), ")


def notice_entries():
    """{section heading: {identity: (version, line number)}} for the two package lists."""
    sections = {COMPILED: {}, RESOLVED_ONLY: {}}
    current = None
    for number, line in enumerate((ROOT / "NOTICE").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            current = line if line in sections else None
            continue
        match = ENTRY.match(line)
        if current and match:
            sections[current][match.group(1).lower()] = (match.group(2), number)
    return sections


def resolved_packages():
    """{identity: version} from Package.resolved (written by `swift package resolve`)."""
    pins = json.loads((ROOT / "Package.resolved").read_text(encoding="utf-8"))["pins"]
    return {pin["identity"].lower(): pin["state"].get("version") or pin["state"].get("revision") for pin in pins}


def linked_packages(link_file_list):
    """Checkout folders (lower-cased) whose sources produced an object file on the list."""
    modules = set()
    for line in pathlib.Path(link_file_list).read_text(encoding="utf-8").splitlines():
        path = pathlib.Path(line.strip().strip("'\""))
        for depth, part in enumerate(path.parts):
            if part.endswith(".build") and part != ".build":  # .../release/NIOCore.build/x.swift.o
                modules.add(pathlib.Path(*path.parts[:depth + 1]))
                break
    packages = set()
    for module in modules:
        # Swift modules list their sources in output-file-map.json, C modules in their .d files.
        for record in list(module.glob("output-file-map.json")) + list(module.rglob("*.d")):
            packages.update(name.lower() for name in re.findall(r"/checkouts/([^/\"\s]+)/", record.read_text(errors="replace")))
    return packages


def main(arguments):
    problems = []
    sections = notice_entries()
    listed = {**sections[COMPILED], **sections[RESOLVED_ONLY]}
    for identity in sections[COMPILED].keys() & sections[RESOLVED_ONLY].keys():
        problems.append(f"NOTICE:{sections[RESOLVED_ONLY][identity][1]}: {identity} is in both package lists")
    resolved = resolved_packages()
    for identity, version in sorted(resolved.items()):
        if identity not in listed:
            problems.append(f"NOTICE: Package.resolved has {identity} {version}, which NOTICE does not list")
        elif listed[identity][0] != version:
            problems.append(f"NOTICE:{listed[identity][1]}: {identity} is at {version} in Package.resolved, not {listed[identity][0]}")
    for identity, (_, number) in sorted(listed.items()):
        if identity not in resolved:
            problems.append(f"NOTICE:{number}: {identity} is not in Package.resolved any more: remove it")
    if len(arguments) == 2 and arguments[0] == "--linked":
        linked = linked_packages(arguments[1])
        if not linked:
            problems.append(f"{arguments[1]}: no package objects found (not a link file list?)")
        for identity in sorted(linked - sections[COMPILED].keys()):
            problems.append(f"NOTICE: {identity} is linked into the binary but not listed under '{COMPILED[3:]}'")
        for identity, (_, number) in sorted(sections[COMPILED].items()):
            if linked and identity not in linked:
                problems.append(f"NOTICE:{number}: {identity} is listed as compiled in, but the binary links none of its code")
    elif arguments:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if not problems:
        print(f"NOTICE lists all {len(resolved)} packages of Package.resolved"
              + (" and the binary's linked packages" if arguments else ""))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
