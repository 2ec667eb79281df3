#!/usr/bin/env python3
"""Checks the labels of every map on built pages in headless Chromium.

Usage: scripts/check_map_labels.py SITE_DIR [PAGE ...] [--priority NAMES] [--screenshots DIR]

SITE_DIR is a built site (`dossier build --out SITE_DIR`); PAGE is a path inside it (default
`clusters/index.html`). The site is served on a loopback port; each page is opened at 1280 px
and at 375 px wide. For every map that is visible at that width, each label's getBBox() is
taken into screen coordinates (getScreenCTM) and the check fails on:

  - two labels that overlap;
  - a label over a point's dot (any dot of the map);
  - a label outside its SVG;
  - at 1280 px, a map of points without a highlight whose points are not all labelled;
  - at 375 px, on a map without a highlight, a point named in --priority (comma-separated
    names, as the dot's tooltip shows them up to any parenthesis) without its label.

With --screenshots DIR it saves each page's maps at both widths, light and dark.
It needs chromium, chromedriver and selenium: without selenium in this Python, it runs in the venv
${XDG_CACHE_HOME:-~/.cache}/dossier/venv-selenium (see browser_env.py), which
`scripts/install-deps.sh --browser` makes. Exit status: 0 all good, 1 a check failed, 2 setup.
"""

import argparse
import os
import sys

from browser_env import ensure_selenium, find_chromium, serve


# Runs in the page: for each visible map, the screen boxes of its SVG, labels and dots.
COLLECT = r"""
function screenBox(el) {
  const b = el.getBBox(), m = el.getScreenCTM();
  const pts = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
    .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
  return {x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys)};
}
const maps = [];
for (const svg of document.querySelectorAll('figure.chart-map svg')) {
  const r = svg.getBoundingClientRect();
  if (r.width === 0 || getComputedStyle(svg).display === 'none') continue;
  const labels = [...svg.querySelectorAll('text.chart-point-label')].map(t => {
    const spans = [...t.querySelectorAll('tspan')].map(s => s.textContent);
    const lines = spans.length ? spans : [t.textContent];
    const text = lines.reduce((a, l) => a === '' ? l : (a.endsWith('-') ? a + l : a + ' ' + l), '');
    return {text, box: screenBox(t)};
  });
  const dots = [...svg.querySelectorAll('circle.chart-dot')].map(c => {
    const m = c.getScreenCTM(), cx = c.cx.baseVal.value, cy = c.cy.baseVal.value, rr = c.r.baseVal.value;
    return {name: (c.querySelector('title') || {}).textContent || '', highlight: c.classList.contains('chart-highlight'),
            x: m.a * cx + m.c * cy + m.e, y: m.b * cx + m.d * cy + m.f, r: rr * Math.hypot(m.a, m.b)};
  });
  maps.push({id: svg.id || svg.getAttribute('aria-labelledby'), cls: svg.getAttribute('class'),
             frame: {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}, labels, dots});
}
return maps;
"""

TOLERANCE = 0.5  # px: rounding of coordinates to 0.1 user units


def overlap(a, b):
    return min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > TOLERANCE and \
        min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > TOLERANCE


def covers_dot(box, dot):
    # Distance from the dot's centre to the box, against its radius.
    dx = max(box["x0"] - dot["x"], 0, dot["x"] - box["x1"])
    dy = max(box["y0"] - dot["y"], 0, dot["y"] - box["y1"])
    return (dx * dx + dy * dy) ** 0.5 < dot["r"] - TOLERANCE


def short(name):
    return name.split(" (")[0]


def check_map(m, width, priority):
    problems = []
    labels, dots = m["labels"], m["dots"]
    for i, a in enumerate(labels):
        f = m["frame"]
        b = a["box"]
        if b["x0"] < f["x0"] - TOLERANCE or b["y0"] < f["y0"] - TOLERANCE or \
                b["x1"] > f["x1"] + TOLERANCE or b["y1"] > f["y1"] + TOLERANCE:
            problems.append("label '%s' leaves the map (%.1f,%.1f–%.1f,%.1f in %.1f,%.1f–%.1f,%.1f)" % (
                a["text"], b["x0"], b["y0"], b["x1"], b["y1"], f["x0"], f["y0"], f["x1"], f["y1"]))
        for other in labels[i + 1:]:
            if overlap(b, other["box"]):
                problems.append("labels '%s' and '%s' overlap" % (a["text"], other["text"]))
        for dot in dots:
            if covers_dot(b, dot):
                problems.append("label '%s' covers the dot of '%s'" % (a["text"], dot["name"]))
    shown = {l["text"] for l in labels}
    names = [short(d["name"]) for d in dots]
    missing = [n for n in names if n not in shown]
    has_highlight = any(d["highlight"] for d in dots)
    if width >= 1000 and not has_highlight and missing:
        problems.append("%d of %d points have no label at %d px: %s" % (len(missing), len(names), width, ", ".join(missing)))
    if width < 1000 and not has_highlight:
        for name in priority:
            if name in names and name not in shown:
                problems.append("priority point '%s' has no label at %d px" % (name, width))
    return problems, len(labels), len(dots)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site")
    ap.add_argument("pages", nargs="*", default=["clusters/index.html"])
    ap.add_argument("--priority", default="", help="names that must be labelled at 375 px, comma-separated")
    ap.add_argument("--screenshots", help="folder for screenshots of each map (light and dark)")
    a = ap.parse_args()
    if not os.path.isdir(a.site):
        print("check_map_labels: %s is not a folder" % a.site, file=sys.stderr)
        return 2
    chrome, driver_path = find_chromium()
    ensure_selenium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager download a driver
    server = serve(os.path.abspath(a.site), gzip_text=False)
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    browser = webdriver.Chrome(options=options, service=Service(driver_path))
    priority = [p.strip() for p in a.priority.split(",") if p.strip()]
    failures = 0
    try:
        for page in a.pages:
            for width in (1280, 375):
                browser.set_window_size(width, 900)
                browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                for scheme in (["light", "dark"] if a.screenshots else ["light"]):
                    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
                    browser.get(base + page)
                    browser.execute_script("return document.fonts.ready")
                    maps = browser.execute_script(COLLECT)
                    if scheme == "light":
                        if not maps:
                            print("FAIL %s @%d: no visible map" % (page, width))
                            failures += 1
                        for m in maps:
                            problems, nl, nd = check_map(m, width, priority)
                            status = "FAIL" if problems else "ok  "
                            print("%s %s @%dpx %s: %d labels for %d points" % (status, page, width, m["cls"], nl, nd))
                            for p in problems:
                                print("     " + p)
                            failures += bool(problems)
                    if a.screenshots:
                        os.makedirs(a.screenshots, exist_ok=True)
                        stem = page.replace("/", "_").replace(".html", "")
                        for n, fig in enumerate(browser.find_elements("css selector", "figure.chart-map")):
                            browser.execute_script("arguments[0].scrollIntoView()", fig)
                            fig.screenshot(os.path.join(a.screenshots, "%s-map%d-%d-%s.png" % (stem, n + 1, width, scheme)))
    finally:
        browser.quit()
        server.shutdown()
    print("%d map check%s failed" % (failures, "" if failures == 1 else "s"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
