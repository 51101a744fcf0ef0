#!/usr/bin/python3
"""Checks that an executed notebook, exported to HTML by nbconvert, shows staff notation in a browser.

    scripts/check-sheet-music.py EXECUTED.ipynb [MIN_TUNES]

Exports the notebook with `jupyter nbconvert --to html`, opens the page in headless Debian
chromium (no network, fresh profile), takes the DOM after the scripts ran, and checks that every
tune output (a div.tunesmith-tune, as tunesmith.notebook.NotebookDisplay writes it) holds an SVG
that abcjs drew (staff lines, and notes or rests: a young model's decoded excerpt may be all rests), and that there are at least MIN_TUNES (default 1) of
them (0 for a notebook that may show none). Exit status 0 when all were drawn; 1 with what was missing otherwise.
"""
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=15000"]


class Tunes(HTMLParser):
    """Collects, per div.tunesmith-tune, the classes of the SVG elements inside it."""

    def __init__(self):
        super().__init__()
        self.stack = []     # open tags; an entry is the tune index when the tag opened a tune div
        self.tunes = []     # per tune: set of classes seen inside its SVG elements
        self.ids = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "div" and "tunesmith-tune" in classes:
            self.tunes.append(set())
            self.ids.append(a.get("id", "?"))
            self.stack.append(len(self.tunes) - 1)
            return
        inside = [i for i in self.stack if isinstance(i, int)]
        if inside and tag in ("svg", "path", "g", "text"):
            self.tunes[inside[-1]].update(c for c in classes if c.startswith("abcjs-") or tag == "svg")
            if tag == "svg":
                self.tunes[inside[-1]].add("<svg>")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    notebook = sys.argv[1]
    minimum = int(sys.argv[2]) if len(sys.argv) == 3 else 1
    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium); .ci/run does")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["jupyter", "nbconvert", "--to", "html", "--output-dir", tmp, notebook],
                       check=True, capture_output=True)
        page = os.path.join(tmp, os.path.splitext(os.path.basename(notebook))[0] + ".html")
        profile = os.path.join(tmp, "profile")
        dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", "file://" + page],
                             check=True, capture_output=True, text=True, timeout=180).stdout
    # the DOM after the scripts ran; HTMLParser does not need it well-formed
    parser = Tunes()
    parser.feed(dom)
    drawn = [i for i, c in enumerate(parser.tunes) if "<svg>" in c and "abcjs-staff" in c and ("abcjs-note" in c or "abcjs-rest" in c)]
    missing = [parser.ids[i] for i in range(len(parser.tunes)) if i not in drawn]
    print(f"{notebook}: {len(parser.tunes)} tune outputs, {len(drawn)} drawn as staff notation")
    if len(parser.tunes) < minimum:
        print(f"expected at least {minimum} tune outputs; did the notebook run, and was it exported with its outputs?")
        return 1
    if missing:
        print("not drawn: " + ", ".join(missing) + " (is abcjs in the first tune output? did a script fail?)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
