#!/usr/bin/env python3
"""Browser test of the site search, in English and German (make test runs it after swift test).

Usage: scripts/test_search.py --dossier PATH/TO/dossier [--keep DIR]

Writes a small two-language site into a temporary folder, builds it with the given binary (public
edition), serves it on a loopback port (gzip as a static host would) and drives headless Chromium:

  - the script's own tokenizer and posting-list decoder agree with the Swift side on every case
    of Tests/DossierSearchTests/Golden/vectors.json;
  - typing finds a word that only a public briefing's body holds, also from a prefix, and the
    first result's link opens that briefing (English, and German: „Muelleimerkunde“ finds
    „Mülleimerkunde“ at /de/briefings/…, never /de/de/…);
  - title hits rank first, then matches, then date; ten results, then "Show more";
  - a word of a licensed body is not found in the public edition;
  - ?q= runs a search on load; the arrow key moves from the box to the first result; the
    status is a live region; a query loads only the shards it needs, never all of them.

Exit status: 0 all good, 1 a check failed, 2 setup.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_env import chromium, ensure_selenium, find_chromium, serve  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = os.path.join(REPO, "Tests", "DossierSearchTests", "Golden", "vectors.json")

SITE_YML = """title: "Search Test"
base_url: "https://example.org/"
language: en
languages: [en, de]
publisher: {name: "Fictional Analysis", blurb: "A fictional publisher for tests."}
"""


def briefing(title, date, body, extra=""):
    return '---\ntitle: "%s"\ndate: %s\n%s---\n%s\n' % (title, date, extra, body)


def write_site(content):
    files = {"site.yml": SITE_YML}
    # Twelve briefings on corridors (more than one page of results), newest first by day.
    for i in range(1, 13):
        body = "Freight corridor notes, part %d.%s" % (i, " Corridor corridor corridor." if i == 3 else "")
        title = "Corridor policy %d" % i if i in (5, 9) else "Regional note %d" % i
        files["briefings/2024/note-%02d.md" % i] = briefing(title, "2024-01-%02d" % i, body, 'summary: "Note %d."\n' % i)
    files["briefings/2025/ports.md"] = briefing(
        "Ports and hinterlands", "2025-02-01",
        "Container terminals depend on *zanzibarite* cranes and rail links.", 'summary: "Where ports meet railways."\n')
    files["briefings/2025/ports.de.md"] = briefing(
        "Häfen und Hinterland", "2025-02-01",
        "Die Terminals brauchen Kräne. Ein Abschnitt zur Mülleimerkunde folgt.", 'summary: "Wo Häfen auf Bahnen treffen."\n')
    files["briefings/2025/members.md"] = briefing(
        "Members only", "2025-03-01", "The licensed body mentions canarywordq.", "access: licensed\n")
    # Filler with made-up words, so that the index has several shards and a query must pick one.
    rng = random.Random(1)
    for i in range(200):
        words = ["".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3)) for _ in range(120)]
        files["briefings/2020/filler-%03d.md" % i] = briefing("Filler %d" % i, "2020-01-01", " ".join(words) + ".")
    for path, text in files.items():
        full = os.path.join(content, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


class Check:
    def __init__(self):
        self.failures = 0

    def __call__(self, ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.failures += 1
        return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dossier", required=True)
    ap.add_argument("--keep", help="build into this folder and keep it")
    a = ap.parse_args()
    find_chromium()
    ensure_selenium()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    work = a.keep or tempfile.mkdtemp(prefix="dossier-search-test-")
    content, out = os.path.join(work, "content"), os.path.join(work, "public")
    write_site(content)
    subprocess.run([a.dossier, "build", "--quiet", "--content", content, "--templates", os.path.join(REPO, "templates"),
                    "--out", out, "--now", "2026-01-01"], check=True)
    server = serve(out)
    base = "http://127.0.0.1:%d" % server.server_address[1]
    browser = chromium()
    check = Check()

    def status():
        return browser.find_element(By.CSS_SELECTOR, ".search-status").text

    def results():
        return [(li.find_element(By.TAG_NAME, "a").text, li.find_element(By.TAG_NAME, "a").get_attribute("href"))
                for li in browser.find_elements(By.CSS_SELECTOR, ".search-results li")]

    def wait_status(expected, what):
        try:
            WebDriverWait(browser, 10).until(lambda b: status() == expected)
            return check(True, "%s: status %r" % (what, expected))
        except Exception:
            return check(False, "%s: status %r, expected %r" % (what, status(), expected))

    def search(text, expected, what):
        box = browser.find_element(By.ID, "search-input")
        box.clear()
        # A status left from the last query must not pass for this one's.
        browser.execute_script("document.querySelector('.search-status').textContent = ''")
        box.send_keys(text)
        return wait_status(expected, what)

    try:
        # The script agrees with the Swift side.
        browser.get(base + "/search/")
        with open(VECTORS, encoding="utf-8") as f:
            vectors = json.load(f)
        mismatches = browser.execute_script("""
            const v = arguments[0], S = window.DossierSearch, bad = [];
            for (const c of v.terms) {
              const got = S.terms(c.text, c.fold);
              if (JSON.stringify(got) !== JSON.stringify(c.terms)) bad.push([c.text, got, c.terms]);
            }
            for (const p of v.postings) {
              const got = S.decode(p.encoded);
              if (JSON.stringify(got) !== JSON.stringify(p.groups)) bad.push([p.encoded, got, p.groups]);
            }
            const order = v.order.slice().sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
            if (JSON.stringify(order) !== JSON.stringify(v.order)) bad.push(["order", order, v.order]);
            return bad;""", vectors)
        check(not mismatches, "search.js folds and decodes as the Swift side does (%d cases)"
              % (len(vectors["terms"]) + len(vectors["postings"]) + 1))
        for m in mismatches:
            print("     %r: script %r, Swift %r" % tuple(m))

        # English
        check(browser.find_element(By.CSS_SELECTOR, ".site-search").is_displayed(), "en: the search box shows")
        check(browser.find_element(By.CSS_SELECTOR, ".search-status").get_attribute("role") == "status", "en: live region")
        server.log.clear()
        search("zanzibarite", "1 briefing found.", "en: a word only in a public body")
        check([t for t, _ in results()] == ["Ports and hinterlands"], "en: the body word finds its briefing: %r" % results())
        loaded = sorted(p.split("?")[0] for p, _, _ in server.log)
        shards = len(json.load(open(os.path.join(out, "search", "index.json")))["shards"])
        check(shards >= 4, "en: the index has %d shards" % shards)
        check(len(loaded) == 3 and loaded[0] == "/search/d/0.json" and loaded[1] == "/search/index.json"
              and loaded[2].startswith("/search/t/"), "en: the query loads the manifest, one shard, one metadata file: %r" % loaded)
        search("zanzib", "1 briefing found.", "en: a prefix while typing")
        search("canarywordq", "No briefing matches.", "en: a licensed body's word is not in the public index")
        search("corridor", "12 briefings found.", "en: a common word")
        titles = [t for t, _ in results()]
        check(titles[:3] == ["Corridor policy 9", "Corridor policy 5", "Regional note 3"]
              and titles[3:5] == ["Regional note 12", "Regional note 11"],
              "en: title hits, then most matches, then newest: %r" % titles[:5])
        check(len(titles) == 10, "en: ten results at first (%d)" % len(titles))
        more = browser.find_element(By.CSS_SELECTOR, ".search-more")
        check(more.is_displayed(), "en: a button shows more")
        more.click()
        WebDriverWait(browser, 10).until(lambda b: len(results()) == 12)
        check(not more.is_displayed(), "en: all twelve shown, the button gone")
        search("zanzibarite", "1 briefing found.", "en: again")
        browser.find_element(By.ID, "search-input").send_keys(Keys.ARROW_DOWN)
        focused = browser.switch_to.active_element
        check(focused.text == "Ports and hinterlands", "en: the arrow key moves to the first result")
        first = results()[0][1]
        focused.send_keys(Keys.ENTER)
        WebDriverWait(browser, 10).until(lambda b: b.current_url == first)
        check(browser.current_url == base + "/briefings/2025/ports/", "en: the result opens %s" % browser.current_url)
        check(browser.find_element(By.TAG_NAME, "h1").text == "Ports and hinterlands", "en: and it is the briefing")
        browser.get(base + "/search/?q=hinterlands")
        wait_status("1 briefing found.", "en: ?q= searches on load")

        # German
        browser.get(base + "/de/search/")
        search("Muelleimerkunde", "1 Briefing gefunden.", "de: ue finds ü in a body word")
        check([t for t, _ in results()] == ["Häfen und Hinterland"], "de: %r" % results())
        search("mülleimer", "1 Briefing gefunden.", "de: the prefix with the umlaut")
        search("zanzibarite", "Kein Briefing passt.", "de: the English index is not searched")
        search("Hafen", "1 Briefing gefunden.", "de: a title word without its umlaut")
        href = results()[0][1]
        check(href == base + "/de/briefings/2025/ports/", "de: the link is %s" % href)
        browser.find_element(By.CSS_SELECTOR, ".search-results a").click()
        WebDriverWait(browser, 10).until(lambda b: b.current_url == href)
        check(browser.find_element(By.TAG_NAME, "h1").text == "Häfen und Hinterland", "de: the result opens the German briefing")
        not_found = [(p, s) for p, s, _ in server.log if s != 200]
        check(not not_found, "no request failed: %r" % not_found)
    finally:
        browser.quit()
        server.shutdown()
        if not a.keep:
            subprocess.run(["rm", "-rf", work])
    print("%d search check%s failed" % (check.failures, "" if check.failures == 1 else "s"))
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
