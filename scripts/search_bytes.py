#!/usr/bin/env python3
"""Measures what one search downloads: bytes sent by a static server, per query, in Chromium.

Usage: scripts/search_bytes.py SITE_DIR [--lang-path /] [--query Q ...] [--common N] [--slow]

SITE_DIR is a built site. It is served on a loopback port with gzip (level 6) for text types,
as a static host would; every query runs in a fresh headless Chromium (empty cache): open the
search page, type the query, wait for the first results. The figure is the sum of the response
bodies the server sent (compressed where compressed), page, style sheet, script, icon, manifest,
shards and result metadata included; response headers are not counted (about 200 bytes each).

Without --query it measures a word found in one briefing only (a rare word) and the --common
most common words (the longest posting lists), alone and together. --slow types one character
every 250 ms, so that every prefix is searched on the way (the worst case of a slow typist).
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_env import chromium, ensure_selenium, serve  # noqa: E402


def vocabulary(index_folder):
    """(term, posting-list length) of every term."""
    with open(os.path.join(index_folder, "index.json")) as f:
        manifest = json.load(f)
    terms = []
    for n in range(len(manifest["shards"])):
        with open(os.path.join(index_folder, "t", "%d.json" % n)) as f:
            shard = json.load(f)
        terms += [(t, len(p)) for t, p in zip(shard["t"], shard["p"])]
    return terms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("--lang-path", default="/", help="the language's home, e.g. /de/")
    ap.add_argument("--query", action="append", default=[])
    ap.add_argument("--common", type=int, default=3)
    ap.add_argument("--slow", action="store_true")
    a = ap.parse_args()
    ensure_selenium()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    index_folder = os.path.join(a.site, a.lang_path.strip("/"), "search")
    queries = a.query
    if not queries:
        terms = vocabulary(index_folder)
        common = [t for t, _ in sorted(terms, key=lambda x: -x[1])[:a.common]]
        rare = next(t for t, n in sorted(terms, key=lambda x: x[1]) if t.isalpha() and len(t) > 5 and n >= 3)
        queries = [rare] + common + [" ".join(common[:2]), " ".join(common)]
    server = serve(os.path.abspath(a.site))
    base = "http://127.0.0.1:%d%s" % (server.server_address[1], a.lang_path)
    print("%-32s %9s %9s %6s  %s" % ("query", "bytes", "results", "files", "largest requests"))
    try:
        for query in queries:
            browser = chromium()
            try:
                server.log.clear()
                browser.get(base + "search/")
                box = browser.find_element(By.ID, "search-input")
                if a.slow:
                    for ch in query:
                        box.send_keys(ch)
                        time.sleep(0.25)
                else:
                    box.send_keys(query)
                status = browser.find_element(By.CSS_SELECTOR, ".search-status")
                WebDriverWait(browser, 60).until(
                    lambda b: status.text and not status.text.endswith("…") and not status.text.endswith("..."))
                time.sleep(1.0)  # favicon and stragglers
                shown = len(browser.find_elements(By.CSS_SELECTOR, ".search-results li"))
                log = list(server.log)
                total = sum(n for _, _, n in log)
                largest = ", ".join("%s %.1f KB" % (p.split("?")[0].rsplit("/", 2)[-2:][-1] if "/t/" not in p else
                                                     "t/" + p.split("?")[0].rsplit("/", 1)[-1], n / 1000)
                                    for p, _, n in sorted(log, key=lambda x: -x[2])[:4])
                print("%-32s %8.1fK %9s %6d  %s   [%s]" % (query[:32], total / 1000, shown, len(log), largest, status.text))
            finally:
                browser.quit()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
