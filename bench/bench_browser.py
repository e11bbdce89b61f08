"""Benchmark: ecodash in headless Chromium against a bare Streamlit page (bench/bare_app.py), the floor.

    .venv/bin/python bench/bench_browser.py [--runs 5] [--before REV] [--no-record]

Measures, interleaved (bare, ecodash, bare, ecodash…), median of --runs:
- cold start: from launching `streamlit run` until the first chart is drawn (plotly `.main-svg`) on `/compare`;
  on `/` (Overview, which draws no plotly chart) until its last element, the region × indicator table, is drawn;
- widget change: from the click until the chart shows the new choice and the app is idle (script not running,
  no stale element, no spinner, for 250 ms; the time is taken when idleness began, in the page's clock).
  Bare page: its selectbox picks another indicator; ecodash: Compare's scale and intensity controls, each change a
  view the server has not drawn before; then two returns to views drawn before (ecodash caches views), shown
  in their own column.
With --before REV, the ecodash of that git revision is measured in the same runs (a third contestant), so the
table shows before and after. Prints a table and records it with bench/record.py (section "browser").
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serving
from record import machine, median, record

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1600, "height": 1200}
TIMEOUT_MS = 120_000
WIDGET_CHANGES = 3
"""Widget changes per run and contestant (each one a sample)."""
ECODASH_CHANGES = (("Scale", "log"), ("Intensity", "Per million inhabitants"), ("Scale", "linear"))
"""Compare's changes: log, then per million (on log), then linear (per million): three views never drawn before."""
ECODASH_REVISITS = (("Intensity", "Absolute"), ("Scale", "log"))
"""Then back to views drawn before (linear absolute, the first view; log absolute): what a return, or a view another
reader already asked for, costs (ecodash caches views per process)."""

# Idle as tests/e2e/conftest.py defines it, plus "the chart's signature differs from `before`"; returns the page
# time at which both began to hold, once they have held for settleMs (else null).
_SETTLED_JS = """
([before, settleMs]) => {
  const app = document.querySelector("[data-testid='stApp']");
  const busy = !app
    || app.dataset.testConnectionState !== "CONNECTED"
    || app.dataset.testScriptState !== "notRunning"
    || document.querySelector(
         "[data-stale='true'], [data-testid='stStatusWidgetRunningIcon'], "
         + "[data-testid='stStatusWidgetRunningManIcon'], [data-testid='stSpinner'], [data-testid='stSkeleton']");
  const plot = document.querySelector(".js-plotly-plot");
  const changed = plot && plot.querySelector(".main-svg") && window.__benchSignature() !== before;
  const now = performance.now();
  if (busy || !changed) { window.__benchSince = undefined; return null; }
  if (window.__benchSince === undefined) window.__benchSince = now;
  return now - window.__benchSince >= settleMs ? window.__benchSince : null;
}
"""
_SIGNATURE_JS = """
() => { window.__benchSignature = () => {
  const plot = document.querySelector(".js-plotly-plot");
  if (!plot || !plot.layout) return "";
  const plain = (v) => v == null ? null : (Array.isArray(v) || ArrayBuffer.isView(v)) ? Array.from(v) : v;
  const axes = Object.keys(plot.layout).filter((k) => /^[xy]axis\\d*$/.test(k)).sort()
    .map((k) => [k, plot.layout[k].type, plain(plot.layout[k].categoryarray)]);
  const title = plot.layout.title && (plot.layout.title.text ?? plot.layout.title);
  return JSON.stringify([axes, title, (plot.data || []).map((t) => [plain(t.x), plain(t.y)])]);
}; return window.__benchSignature(); }
"""


@contextlib.contextmanager
def serve(script: Path, cwd: Path, pythonpath: Path | None = None) -> Iterator[tuple[str, float]]:
    """`streamlit run script` on a free loopback port; yields (base URL, perf_counter at launch); kills it after."""
    env = dict(os.environ)
    if pythonpath is not None:  # an older revision's package wins over the installed (editable) one
        env["PYTHONPATH"] = str(pythonpath)
    with serving.streamlit(script, cwd=cwd, env=env) as (base, _server, started):
        yield base, started


def first_draw(page: Page, url: str, selector: str) -> None:
    page.goto(url)
    page.wait_for_selector(selector, timeout=TIMEOUT_MS)


def widget_change(page: Page, act) -> float:
    """Seconds from the action until the chart changed and the app is idle (page clock)."""
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=TIMEOUT_MS)
    before = page.evaluate(_SIGNATURE_JS)
    page.evaluate("window.__benchSince = undefined")
    start = page.evaluate("performance.now()")
    act()
    handle = page.wait_for_function(_SETTLED_JS, arg=[before, 250], polling=20, timeout=TIMEOUT_MS)
    return (handle.json_value() - start) / 1000


class Contestant:
    def __init__(self, name: str, script: Path, cwd: Path, pythonpath: Path | None = None):
        self.name, self.script, self.cwd, self.pythonpath = name, script, cwd, pythonpath
        self.cold: dict[str, list[float]] = {}
        self.change: list[float] = []
        self.revisit: list[float] = []

    def cold_start(self, browser, path: str, selector: str, *, then=None) -> None:
        with serve(self.script, self.cwd, self.pythonpath) as (base, started):
            context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
            try:
                page = context.new_page()
                first_draw(page, base + path, selector)
                self.cold.setdefault(path, []).append(time.perf_counter() - started)
                if then is not None:
                    then(page)
            finally:
                context.close()


def _bare_changes(page: Page, samples: list[float]) -> None:
    box = page.get_by_test_id("stSelectbox")
    for i in range(WIDGET_CHANGES):

        def act(i=i):
            box.click()
            page.get_by_role("option").nth(1 + i % 2).click()

        samples.append(widget_change(page, act))


def _ecodash_changes(page: Page, samples: list[float], revisits: list[float]) -> None:
    """Compare's scale and intensity controls, each change a view this server has not drawn before (no cache hit)."""

    def control(label: str):
        return page.get_by_test_id("stButtonGroup").filter(
            has=page.get_by_test_id("stWidgetLabel").filter(has_text=label)
        )

    for label, option in ECODASH_CHANGES:
        samples.append(widget_change(page, control(label).get_by_role("radio", name=option, exact=True).click))
    for label, option in ECODASH_REVISITS:
        revisits.append(widget_change(page, control(label).get_by_role("radio", name=option, exact=True).click))


def _export_rev(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    shutil.copytree(ROOT / "data", into / "data", dirs_exist_ok=True)  # the same data as the current tree
    return into


def run(runs: int, before: str | None) -> dict[str, Contestant]:
    bare = Contestant("bare", ROOT / "bench" / "bare_app.py", ROOT)
    now = Contestant("ecodash", ROOT / "app.py", ROOT)
    contestants = [bare, now]
    with contextlib.ExitStack() as stack:
        if before:
            old_root = _export_rev(before, Path(stack.enter_context(tempfile.TemporaryDirectory())))
            contestants.append(Contestant(f"ecodash {before}", old_root / "app.py", old_root, old_root / "src"))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for n in range(runs):
                    print(f"run {n + 1}/{runs}", flush=True)
                    for who in contestants[1:]:  # bare, ecodash /, bare, ecodash /compare (+ widget changes)…
                        bare.cold_start(browser, "/", ".js-plotly-plot .main-svg")
                        who.cold_start(browser, "/", "[data-testid='stMain'] [data-testid='stDataFrame'] canvas")
                        bare.cold_start(
                            browser,
                            "/",
                            ".js-plotly-plot .main-svg",
                            then=lambda page: _bare_changes(page, bare.change),
                        )
                        who.cold_start(
                            browser,
                            "/compare",
                            ".js-plotly-plot .main-svg",
                            then=lambda page, who=who: _ecodash_changes(page, who.change, who.revisit),
                        )
            finally:
                browser.close()
    return {c.name: c for c in contestants}


def table(results: dict[str, Contestant]) -> tuple[str, dict[str, object]]:
    bare = results["bare"]
    bare_cold, bare_change = median(bare.cold["/"]), median(bare.change)
    lines = [
        (
            "| | cold start `/` | cold start `/compare` | widget change (Compare: a new view) | widget change "
            "(a view drawn before) |"
        ),
        "|---|---|---|---|---|",
        (f"| bare page (floor) | {bare_cold:.2f} s | {bare_cold:.2f} s | {bare_change:.2f} s | {bare_change:.2f} s |"),
    ]
    keys: dict[str, object] = {}
    for name, c in results.items():
        if name == "bare":
            continue
        home, compare, change = median(c.cold["/"]), median(c.cold["/compare"]), median(c.change)
        seen = median(c.revisit)
        lines.append(
            f"| {name} | {home:.2f} s ({home / bare_cold:.2f}×) | {compare:.2f} s "
            f"({compare / bare_cold:.2f}×) | {change:.2f} s ({change / bare_change:.2f}×) | "
            f"{seen:.2f} s ({seen / bare_change:.2f}×) |"
        )
        if name == "ecodash":
            keys = {
                "first_chart_vs_bare": round(max(home, compare) / bare_cold, 2),
                "first_chart_home_vs_bare": round(home / bare_cold, 2),
                "first_chart_compare_vs_bare": round(compare / bare_cold, 2),
                "rerun_vs_bare": round(change / bare_change, 2),
                "rerun_seen_view_vs_bare": round(seen / bare_change, 2),
                "browser_bare_cold_s": round(bare_cold, 3),
                "browser_home_cold_s": round(home, 3),
                "browser_compare_cold_s": round(compare, 3),
                "browser_bare_rerun_s": round(bare_change, 3),
                "browser_compare_rerun_s": round(change, 3),
                "browser_compare_rerun_seen_s": round(seen, 3),
            }
    samples = ", ".join(
        f"{name}: {len(c.cold['/'])} cold `/`, {len(c.cold.get('/compare', []))} cold `/compare`, "
        f"{len(c.change)} + {len(c.revisit)} widget changes"
        for name, c in results.items()
    )
    lines += [
        "",
        (
            f"Medians (ratio to the bare page). Samples: {samples}. Targets: cold start ≤ 1.3×, widget "
            "change ≤ 1.5×. `/` is Overview, which draws no plotly chart: its time runs until the region × "
            "indicator table is drawn. A new view: Compare's scale to log, intensity per million, "
            "scale to linear (never drawn by this server). A view drawn before: back to absolute, then log. "
            "`rerun_vs_bare` is the new view's ratio."
        ),
    ]
    return "\n".join(lines), keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", help="also measure the ecodash of this git revision (before/after)")
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/results.json alone")
    args = parser.parse_args()
    results = run(args.runs, args.before)
    markdown, keys = table(results)
    print(f"\n{machine()}\n\n{markdown}")
    if not args.no_record:
        command = "python bench/bench_browser.py " + " ".join(sys.argv[1:])
        record("browser", command=command.strip(), markdown=markdown, keys=keys, runs=args.runs)


if __name__ == "__main__":
    main()
