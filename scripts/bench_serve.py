#!/usr/bin/env python3
"""Rebuild latency of `dossier serve` (a benchmark, not a test).

Starts the release binary on a copy of a corpus, keeps a live-reload connection open like a
browser tab, makes edits and reports, per kind of edit, the median of
  server: the time the server reports from the debounced change to the reload event, and
  wall:   the time from writing the file to receiving the reload event (adds the 20 ms debounce
          and the file-system notification).
Usage: bench_serve.py --bin .build/release/dossier --corpus /tmp/corpus-10000 [--runs 5]
"""
import argparse
import glob
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--templates", default=os.path.join(os.path.dirname(__file__), "..", "templates"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="dossier-bench-serve-")
    content = os.path.join(work, "content")
    templates = os.path.join(work, "templates")
    shutil.copytree(args.corpus, content)
    shutil.copytree(args.templates, templates)
    briefings = sorted(glob.glob(os.path.join(content, "briefings", "*", "*.md")))
    count = len(briefings)

    server = subprocess.Popen(
        [args.bin, "serve", "--content", content, "--templates", templates, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    try:
        port = None
        start = time.time()
        while port is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("server stopped: " + line)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
        print(f"{count} briefings: first build and start {time.time() - start:.2f} s")

        events = socket.create_connection(("127.0.0.1", port))
        events.sendall(b"GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        events.settimeout(60)
        buffer = b""

        def wait_reload():
            nonlocal buffer
            while b"event: reload" not in buffer:
                chunk = events.recv(65536)
                if not chunk:
                    raise SystemExit("event stream closed")
                buffer += chunk
            buffer = buffer.split(b"event: reload", 1)[1]

        def server_ms():
            while True:
                line = server.stdout.readline()
                match = re.search(r"rebuilt (.*) in ([\d.]+) (ms|s)$", line.strip())
                if match:
                    value = float(match.group(2))
                    return match.group(1), value if match.group(3) == "ms" else value * 1000
                if "failed" in line:
                    raise SystemExit(line)

        def measure(name, edit):
            server_times, wall_times, what = [], [], ""
            for run in range(args.runs):
                time.sleep(0.3)  # let the previous rebuild settle
                t0 = time.time()
                edit(run)
                wait_reload()
                wall_times.append((time.time() - t0) * 1000)
                what, ms = server_ms()
                server_times.append(ms)
            print(f"{name:<34} server {statistics.median(server_times):8.1f} ms   wall {statistics.median(wall_times):8.1f} ms   ({what})")

        target = briefings[count // 2]
        original = open(target, encoding="utf-8").read()

        def body_edit(run):
            with open(target, "w", encoding="utf-8") as f:
                f.write(original + f"\nAn added sentence, edit {run}.\n")

        def date_edit(run):
            text = re.sub(r"^date: \d{4}-\d{2}-\d{2}$", f"date: 2024-0{run % 9 + 1}-15", original, count=1, flags=re.M)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)

        def topic_edit(run):
            text = re.sub(r"^topics:\n", f"topics:\n  - \"Bench topic {run}\"\n", original, count=1, flags=re.M)
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)

        footer = os.path.join(templates, "partials", "footer.mustache")
        footer_text = open(footer, encoding="utf-8").read()

        def template_edit(run):
            with open(footer, "w", encoding="utf-8") as f:
                f.write(footer_text + f"{{{{! edit {run} }}}}\n")

        measure("body edit (one page)", body_edit)
        measure("date edit (lists reorder)", date_edit)
        measure("topic edit (lists change)", topic_edit)
        measure("template edit (everything)", template_edit)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
            print(f"Ctrl-C: server exited with status {server.returncode}")
        except subprocess.TimeoutExpired:
            server.kill()
            print("Ctrl-C: server did not stop within 20 s")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
