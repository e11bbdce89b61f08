"""Benchmark: server-side time to render each dashboard page (AppTest, no browser). Prints figures."""

from __future__ import annotations

import statistics
import time

from streamlit.testing.v1 import AppTest

PAGES = ("overview", "compare", "profile", "funding", "pillars", "sources", "data")


def _app(page: str) -> None:
    from ecodash.ui.navigation import run

    run(default=page)


def main(repeat: int = 5) -> None:
    for page in PAGES:
        timings = []
        for _ in range(repeat):
            at = AppTest.from_function(_app, args=(page,), default_timeout=120)
            start = time.perf_counter()
            at.run()
            timings.append((time.perf_counter() - start) * 1000)
            assert not at.exception, at.exception
        # The first run of a fresh AppTest fills st.cache_data; later ones show the warm cost.
        print(f"{page:<10} first {timings[0]:8.0f} ms   median {statistics.median(timings):8.0f} ms   (n={repeat})")


if __name__ == "__main__":
    main()
