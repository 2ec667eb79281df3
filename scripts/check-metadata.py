#!/usr/bin/env python3
"""Reads a built site's sharing and search-engine metadata with extruct, the extractor search
tools use, and checks what every page must have.

Usage: scripts/check-metadata.py SITE_DIR BASE_URL [--licensee]

extruct (pinned) is installed from PyPI into .build/metadata-venv on first use; the script then
runs itself there. Exit status: 0 clean, 1 a finding, 77 extruct could not be installed (offline).
"""
import json
import os
import pathlib
import subprocess
import sys

REQUIREMENT = "extruct==0.18.0"
VENV = pathlib.Path(__file__).resolve().parent.parent / ".build" / "metadata-venv"


def ensure_extruct():
    try:
        import extruct  # noqa: F401
        return
    except ImportError:
        pass
    python = VENV / "bin" / "python"
    stamp = VENV / "requirements.txt"
    if not python.exists() or not stamp.exists() or stamp.read_text().strip() != REQUIREMENT:
        print(f"Installing {REQUIREMENT} into {VENV}", file=sys.stderr)
        try:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
            subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", REQUIREMENT], check=True)
        except (subprocess.CalledProcessError, OSError):
            print("skipped: could not install extruct from PyPI (offline?)", file=sys.stderr)
            sys.exit(77)
        stamp.write_text(REQUIREMENT + "\n")
    os.execv(str(python), [str(python), __file__] + sys.argv[1:])


def main():
    ensure_extruct()
    import extruct

    site, base = pathlib.Path(sys.argv[1]), sys.argv[2]
    licensee = "--licensee" in sys.argv[3:]
    problems = []
    counts = {"pages": 0, "reports": 0, "websites": 0, "breadcrumbs": 0}
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect (an alias): it names its target as canonical, nothing more
        url = base + relative.removesuffix("index.html")
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph"], errors="strict")
        counts["pages"] += 1

        def problem(text):
            problems.append(f"{relative}: {text}")

        # Open Graph as properties in order; a property may repeat (article:tag, locale:alternate).
        tags = {}
        for item in data["opengraph"]:
            for key, value in item.get("properties", []):
                tags.setdefault(key, []).append(value)
        og = {key: values[0] for key, values in tags.items()}
        for key in ("og:title", "og:description", "og:type", "og:locale", "og:site_name"):
            if not og.get(key):
                problem(f"no {key}")
        if not relative.endswith("404.html") and not og.get("og:url", "").startswith("http"):
            problem("no absolute og:url")
        nodes = [node for item in data["json-ld"] for node in item.get("@graph", [item])]
        types = [node.get("@type") for node in nodes]
        counts["breadcrumbs"] += types.count("BreadcrumbList")
        if og.get("og:type") == "article":
            reports = [node for node in nodes if node.get("@type") == "Report"]
            if len(reports) != 1:
                problem(f"a briefing needs one Report, found types {types}")
                continue
            counts["reports"] += 1
            report = reports[0]
            for key in ("headline", "description", "datePublished", "dateModified", "inLanguage", "author", "publisher", "url"):
                if not report.get(key):
                    problem(f"Report has no {key}")
            if report.get("publisher", {}).get("@type") != "Organization":
                problem("the publisher is not an Organization")
            if report.get("dateModified", "") < report.get("datePublished", ""):
                problem("dateModified is before datePublished")
            if report.get("isAccessibleForFree") is False:
                selector = (report.get("hasPart") or {}).get("cssSelector", "")
                if not selector or f'class="{selector.lstrip(".")}"' not in html:
                    problem(f"paywalled, but no element matches hasPart's cssSelector {selector!r}")
            if og.get("article:published_time") != report.get("datePublished"):
                problem("article:published_time and datePublished differ")
            keywords = report.get("keywords") or []
            if tags.get("article:tag", []) != keywords:
                problem(f"article:tag {tags.get('article:tag')} and keywords {keywords} differ")
        if relative in ("index.html", "de/index.html"):
            websites = [node for node in nodes if node.get("@type") == "WebSite"]
            action = (websites[0].get("potentialAction") or {}) if websites else {}
            if action.get("@type") != "SearchAction" or "{search_term_string}" not in action.get("target", {}).get("urlTemplate", ""):
                problem("the home page needs a WebSite with a SearchAction")
            counts["websites"] += len(websites)
        if licensee and '<meta name="robots" content="noindex">' not in html:
            problem("a licensee page without noindex")
    print(json.dumps(counts, sort_keys=True))
    for text in problems:
        print("error: " + text)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
