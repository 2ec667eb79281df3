"""What the browser checks share: selenium in a venv, headless Chromium, and a loopback server.

- ensure_selenium(): imports selenium, or re-runs the calling script inside the venv
  ${XDG_CACHE_HOME:-~/.cache}/dossier/venv-selenium (made by scripts/install-deps.sh --browser, or
  here when missing), with the same pinned version as ../shared/qa/site-qa.sh.
- chromium(): a headless Chromium driven through Debian's chromedriver (never a downloaded one).
- serve(folder, gzip=True): the folder on 127.0.0.1 at a free port, as a static host serves it:
  index.html for folders, 404.html for what is missing, text types gzip-compressed when the
  browser asks for it (level 6). Every response is logged with the bytes sent (`server.log`).
"""

import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading

SELENIUM = "selenium==4.51.0"
VENV = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
                    "dossier", "venv-selenium")


def ensure_selenium():
    try:
        import selenium  # noqa: F401
        return
    except ImportError:
        pass
    if os.environ.get("DOSSIER_IN_SELENIUM_VENV"):
        sys.exit("%s: selenium still missing inside %s" % (os.path.basename(sys.argv[0]), VENV))
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check", SELENIUM], check=True)
    env = dict(os.environ, DOSSIER_IN_SELENIUM_VENV="1")
    os.execve(python, [python] + sys.argv, env)


def find_chromium():
    """(chromium, chromedriver) paths, or exits with status 2 and what to install."""
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if not chrome or not driver:
        print("%s: needs chromium and chromedriver (Debian: apt-get install chromium chromium-driver, "
              "or scripts/install-deps.sh --browser)" % os.path.basename(sys.argv[0]), file=sys.stderr)
        sys.exit(2)
    return chrome, driver


def chromium(width=1280, height=900):
    chrome, driver = find_chromium()
    ensure_selenium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager download a driver
    options = webdriver.ChromeOptions()
    options.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=%d,%d" % (width, height)):
        options.add_argument(arg)
    return webdriver.Chrome(options=options, service=Service(driver))


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    gzip_text = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = os.path.join(path, "index.html")
        status = 200
        if not os.path.isfile(path):
            status, path = 404, os.path.join(self.directory, "404.html")
            if not os.path.isfile(path):
                self.send_error(404)
                return None
        with open(path, "rb") as f:
            body = f.read()
        encoded = False
        if self.gzip_text and path.endswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6, mtime=0)
            encoded = True
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.server.log.append((self.path, status, len(body)))
        return _Body(body)

    def copyfile(self, source, outputfile):
        outputfile.write(source.data)


class _Body:
    def __init__(self, data):
        self.data = data

    def close(self):
        pass


def serve(folder, gzip_text=True):
    handler = functools.partial(type("Handler", (StaticHandler,), {"gzip_text": gzip_text}), directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.log = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
