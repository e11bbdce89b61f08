"""Chart images that carry their source: PNG and SVG of a plotly figure, with meaningful file names.

The figure already draws its title, subtitle (units, FX basis) and source footnote (charts.layout.finish_figure); the
exported file repeats title and source as metadata, so they travel with the file even when the picture is
cropped: PNG text chunks (Title, Description, Source, Software) and SVG <title>/<desc>.

Rendering uses kaleido 1.x, which drives a headless Chromium. Starting one takes seconds, so one Chromium is
kept open for the whole process, in a thread of its own with its own event loop (`_Renderer`). kaleido's own
persistent server (`kaleido.start_sync_server`) is not used: concurrent callers can receive each other's images
(its callers all wait for the whole queue, then each takes *a* result), and it blocks forever when Chromium
fails to start. Here every request has its own future, a time limit, and a failed browser is replaced.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import functools
import html
import os
import re
import struct
import threading
import time
import zlib
from collections.abc import Mapping
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Any

from ecodash.i18n import t
from ecodash.text.normalise import ascii_fold

EXPORT_WIDTH_PX = 1200
"""Layout width of an exported chart: a 16:9 slide's width at 96 dpi, wide enough for the footnote's lines."""
DEFAULT_HEIGHT_PX = 600
"""Layout height when the figure sets none (every ecodash chart sets its own)."""
DEFAULT_SCALE = 2
START_TIMEOUT_S = 60
RENDER_TIMEOUT_S = 60
FAILED_START_MEMORY_S = 600
"""After Chromium failed to start, available() reports it for this long (the buttons show why they are off)."""
MAX_NAME_CHARS = 100
"""Longest file name before the date: a many-indicator title must not make an unwieldy file name."""

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_IHDR_END = len(_PNG_SIGNATURE) + 4 + 4 + 13 + 4  # length, type, 13 data bytes, CRC


class ImageExportError(RuntimeError):
    """A chart image could not be made (no Chromium, Chromium crashed, or rendering took too long)."""


# --- file names -------------------------------------------------------------------------------

_FOLDED = str.maketrans({"–": "-", "—": "-", "’": "", "'": ""})
"""Signs a file name folds its own way (letters: text.normalise.ascii_fold): dashes stay dashes, l'IA -> lia."""


def slug(text: object) -> str:
    """Lower-case ASCII words joined by '-': accents folded ('Capacité' -> 'capacite'), other signs dropped."""
    folded = ascii_fold(str(text).translate(_FOLDED))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def image_filename(page: str, *parts: str, day: date) -> str:
    """'ecodash-<page>-<parts>-<YYYY-MM-DD>', slugified ASCII, no extension.

    image_filename("compare", "Capacité de calcul", day=date(2026, 11, 21))
    -> 'ecodash-compare-capacite-de-calcul-2026-11-21'. A word repeated next to itself is said once
    ('funding', 'Funding per year' -> 'funding-per-year'); parts are cut at a word so the name before the date
    stays within MAX_NAME_CHARS.
    """
    words: list[str] = []
    for part in ("ecodash", page, *parts):
        for word in slug(part).split("-"):
            if word and (not words or words[-1] != word):
                words.append(word)
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > MAX_NAME_CHARS:
            break
        name = f"{name}-{word}" if name else word
    return f"{name}-{day.isoformat()}"


def drawn_ids(fig: Any, key: str) -> list[str]:
    """The `key` ('region_id', 'indicator_id') of every trace that draws figures, once each in drawing order:
    what a file name may name (never a region chosen but not drawn)."""
    data = fig.get("data", []) if isinstance(fig, Mapping) else fig.data
    found: dict[str, None] = {}
    for trace in data:
        meta = (trace.get("meta") if isinstance(trace, Mapping) else trace.meta) or {}
        if isinstance(meta, Mapping) and meta.get("role") == "facts" and meta.get(key) is not None:
            found[str(meta[key])] = None
    return list(found)


# --- text of a figure -------------------------------------------------------------------------

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def plain_text(text: object) -> str:
    """Plotly pseudo-HTML as plain text: line breaks become spaces, tags go, entities are decoded."""
    if text is None:
        return ""
    flat = _TAG.sub("", _BREAK.sub(" ", str(text)))
    return re.sub(r"\s+", " ", html.unescape(flat)).strip()


def _layout(fig: Any) -> Mapping:
    if isinstance(fig, Mapping):
        return fig.get("layout") or {}
    return fig.layout.to_plotly_json()


def image_text(fig: Any) -> dict[str, str]:
    """{'title', 'subtitle', 'source'} of an ecodash figure as plain text.

    'source' is the whole in-figure footnote (comparability lines, sources, FX rates), its wrapped lines joined
    with spaces; '' when the figure has none.
    """
    layout = _layout(fig)
    title = layout.get("title") or {}
    title = title if isinstance(title, Mapping) else {"text": title}
    subtitle = title.get("subtitle") or {}
    notes = [a.get("text") for a in layout.get("annotations") or () if a.get("name") == "source_note"]
    return {
        "title": plain_text(title.get("text")),
        "subtitle": plain_text(subtitle.get("text") if isinstance(subtitle, Mapping) else subtitle),
        "source": " ".join(plain_text(note) for note in notes),
    }


def _software() -> str:
    try:
        return f"ecodash {metadata.version('ecodash')}"
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "ecodash"


def _metadata(fig: Any) -> dict[str, str]:
    text = image_text(fig)
    entries = {
        "Title": text["title"],
        "Description": text["subtitle"],
        "Source": text["source"],
        "Software": _software(),
    }
    return {key: value for key, value in entries.items() if value}


# --- PNG text chunks --------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_text_chunk(keyword: str, text: str) -> bytes:
    """A tEXt chunk when `text` is Latin-1 (what every reader knows), else an uncompressed UTF-8 iTXt chunk."""
    key = keyword.encode("latin-1")
    if not 1 <= len(key) <= 79 or b"\0" in key:
        raise ValueError(f"invalid PNG text keyword {keyword!r}")
    text = text.replace("\0", "")
    try:
        return _chunk(b"tEXt", key + b"\0" + text.encode("latin-1"))
    except UnicodeEncodeError:
        # keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL
        return _chunk(b"iTXt", key + b"\0\0\0\0\0" + text.encode("utf-8"))


def _has_chunk(png: bytes, kind: bytes) -> bool:
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(png):
        length, found = struct.unpack(">I4s", png[offset : offset + 8])
        if found == kind:
            return True
        if found == b"IDAT":
            return False
        offset += 12 + length
    return False


def add_png_text(png: bytes, entries: Mapping[str, str], *, dpi: float | None = None) -> bytes:
    """`png` with a text chunk per entry (and a pHYs chunk for `dpi` if it has none), right after IHDR.

    The pixels are not decoded or re-encoded: the chunks are spliced in, each with its CRC (zlib.crc32).
    """
    if not png.startswith(_PNG_SIGNATURE) or png[len(_PNG_SIGNATURE) + 4 : len(_PNG_SIGNATURE) + 8] != b"IHDR":
        raise ValueError("not a PNG file")
    chunks = b"".join(png_text_chunk(key, value) for key, value in entries.items())
    if dpi and not _has_chunk(png, b"pHYs"):
        per_metre = round(dpi / 0.0254)
        chunks += _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1))
    return png[:_IHDR_END] + chunks + png[_IHDR_END:]


# --- SVG metadata -----------------------------------------------------------------------------


def add_svg_text(svg: bytes, entries: Mapping[str, str]) -> bytes:
    """`svg` with <title> (the chart title) and <desc> (subtitle and source) as the root's first children."""
    text = svg.decode("utf-8")
    root = re.search(r"<svg\b[^>]*>", text)
    if root is None:
        raise ValueError("not an SVG document")
    title = html.escape(entries.get("Title", ""), quote=False)
    desc = html.escape("\n".join(entries[k] for k in ("Description", "Source") if entries.get(k)), quote=False)
    inserted = (f"<title>{title}</title>" if title else "") + (f"<desc>{desc}</desc>" if desc else "")
    return (text[: root.end()] + inserted + text[root.end() :]).encode("utf-8")


# --- rendering --------------------------------------------------------------------------------


def _chromium_path() -> str | None:
    """The Chromium kaleido would start (BROWSER_PATH, kaleido's own download, PATH, usual places), if any."""
    path = _find_browser(os.environ.get("BROWSER_PATH"), os.environ.get("PATH"))
    return path if path and Path(path).is_file() and os.access(path, os.X_OK) else None


@functools.lru_cache(maxsize=16)
def _find_browser(browser_path: str | None, search_path: str | None) -> str | None:
    """choreographer's search, once per environment it reads (the arguments are the cache key): every page run
    with a chart asks, and the search looks in a dozen places. A Chromium installed after the server started, with
    the same environment, is found after a restart."""
    from choreographer.browsers import Chromium  # kaleido's browser driver, installed with it

    return Chromium.find_browser(skip_local=False)


class _Renderer:
    """One Chromium (kaleido.Kaleido) for the process, on an event loop in a daemon thread; safe from any thread.

    Each request is a coroutine on that loop with its own future, so concurrent callers never swap results. A
    request that fails or times out discards the browser; the next one starts a fresh Chromium. A request that
    finds its (long-running) browser gone, crashed or killed, is retried once on a fresh one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None  # only touched on the loop
        self._opening: asyncio.Lock | None = None  # only touched on the loop
        self.failed_start: tuple[float, str] | None = None
        self.starts = 0

    def _running_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None or self._thread is None or not self._thread.is_alive():
                self._kaleido = self._opening = None  # they belonged to the previous loop, if any
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="ecodash-images", daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    async def _browser(self):
        if self._opening is None:
            self._opening = asyncio.Lock()
        async with self._opening:
            if self._kaleido is None:
                import kaleido

                browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)  # no CDN: works offline
                try:
                    await asyncio.wait_for(browser.open(), START_TIMEOUT_S)
                except BaseException as error:
                    first = str(error.args[0]) if error.args else ""  # choreographer's messages are several lines
                    self.failed_start = (time.monotonic(), f"{type(error).__name__}: {first}"[:200])
                    await self._close(browser)
                    raise
                self._kaleido, self.failed_start = browser, None
                self.starts += 1
            return self._kaleido

    @staticmethod
    async def _close(browser) -> None:
        with contextlib.suppress(BaseException):  # a browser that will not close cleanly is left to its watchdog
            await asyncio.wait_for(browser.close(), 10)

    async def _discard(self, browser=None) -> None:
        current = self._kaleido
        if current is not None and (browser is None or browser is current):
            self._kaleido = None
            await self._close(current)

    async def _render(self, fig: dict, opts: dict) -> bytes:
        from choreographer.errors import BrowserClosedError, BrowserFailedError, ChannelClosedError

        for attempt in (1, 2):
            starts = self.starts
            browser = await self._browser()
            try:
                return await browser.calc_fig(fig, opts=opts)
            except (BrowserClosedError, BrowserFailedError, ChannelClosedError):
                await self._discard(browser)
                if attempt == 2 or self.starts != starts:  # a browser that just started is not retried
                    raise
            except BaseException:
                await self._discard(browser)
                raise
        raise AssertionError("unreachable")

    def render(self, fig: dict, opts: dict) -> bytes:
        loop = self._running_loop()
        future = asyncio.run_coroutine_threadsafe(self._render(fig, opts), loop)
        try:
            return future.result(timeout=START_TIMEOUT_S + RENDER_TIMEOUT_S + 10)
        except concurrent.futures.TimeoutError as error:
            future.cancel()  # the cancelled request discards its browser (_render), or the one it was starting
            raise ImageExportError("the chart took too long to render") from error
        except ImageExportError:
            raise
        except Exception as error:
            raise ImageExportError(f"the chart could not be rendered ({type(error).__name__}: {error})") from error

    def close(self) -> None:
        """Close the browser and stop the loop (at interpreter exit, and in tests)."""
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None or not thread.is_alive():
            return
        with contextlib.suppress(Exception):  # shutting down anyway
            asyncio.run_coroutine_threadsafe(self._discard(), loop).result(timeout=15)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        if not thread.is_alive():
            loop.close()


_RENDERER = _Renderer()
atexit.register(_RENDERER.close)


def available() -> str | None:
    """None when kaleido and a Chromium can render images; else why not, in words for a button's help.

    Cheap enough for every page run: it looks for the executable, it does not start it. A Chromium that failed to
    start is reported for FAILED_START_MEMORY_S, then tried again.
    """
    try:
        import choreographer  # noqa: F401
        import kaleido  # noqa: F401
    except ImportError as error:
        return t("images.unavailable.kaleido", package=error.name or "kaleido")
    if _chromium_path() is None:
        return t("images.unavailable.chromium")
    failed = _RENDERER.failed_start
    if failed is not None and time.monotonic() - failed[0] < FAILED_START_MEMORY_S:
        return t("images.unavailable.failed", error=failed[1])
    return None


def _fig_dict(fig: Any) -> dict:
    return dict(fig) if isinstance(fig, Mapping) else fig.to_dict()


def _render(fig: Any, *, fmt: str, scale: float, width: int | None) -> tuple[bytes, dict[str, str]]:
    reason = available()
    if reason is not None:
        raise ImageExportError(reason)
    fig_dict = _fig_dict(fig)
    layout = fig_dict.get("layout") or {}
    width = width or EXPORT_WIDTH_PX
    height = layout.get("height") or DEFAULT_HEIGHT_PX
    data = _RENDERER.render(fig_dict, {"format": fmt, "width": width, "height": height, "scale": scale})
    return data, _metadata(fig_dict)


def to_png(fig: Any, *, scale: float = DEFAULT_SCALE, width: int | None = None) -> bytes:
    """PNG of `fig` at `scale` × its layout size (width EXPORT_WIDTH_PX unless given), with text metadata.

    Title, Description (subtitle: units, FX basis), Source (the footnote) and Software go in tEXt/iTXt chunks;
    a pHYs chunk says 96 dpi × scale, so a slide program places the image at its layout size.
    """
    png, entries = _render(fig, fmt="png", scale=scale, width=width)
    return add_png_text(png, entries, dpi=96 * scale)


def to_svg(fig: Any, *, width: int | None = None) -> bytes:
    """SVG of `fig` (text stays text), with <title> and <desc> carrying title, subtitle and source."""
    svg, entries = _render(fig, fmt="svg", scale=1, width=width)
    return add_svg_text(svg, entries)
