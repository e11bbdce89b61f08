"""A reader's uploaded rows given back: contract CSVs plus their seeds, in one zip that uploads again as they are."""

from __future__ import annotations

import io
import zipfile

from ecodash.ingest.files import Layer
from ecodash.ingest.uploads import Upload, user_frames
from ecodash.io.csv import to_csv_bytes

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every entry's date: the same rows always give the same bytes."""


def user_rows_zip(source: Upload | Layer) -> bytes:
    """The reader's rows as contract CSVs plus their seeds, in the drafting zip's layout (facts.csv,
    sources.csv… and seeds/<file> at the root): uploaded again, it gives the same rows."""
    layer = source.layer if isinstance(source, Upload) else source
    buffer = io.BytesIO()
    entries = {}
    if layer is not None:
        entries = {f"{table}.csv": to_csv_bytes(frame) for table, frame in user_frames(layer).items()}
        entries |= {f"seeds/{name}": content for name, content in sorted(layer.seeds.items())}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=ZIP_DATE), content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
