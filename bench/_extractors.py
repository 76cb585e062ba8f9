"""The per-document function the corpus bench runs: analysis.extract when it exists, else a stand-in.

The stand-in maps `analysis.scan` figures to tidy rows (indicator "other"), so the corpus machinery
(reading, batching, processes, dask, writing) is measured with the real figure layer inside.
"""
from __future__ import annotations


def has_extract() -> bool:
    try:
        import analysis.extraction  # noqa: F401
    except ImportError:
        return False
    return True


def scan_rows(text, published=None, source=None):
    import analysis
    from analysis.frames import to_frame

    found = analysis.scan(text)
    records = [{"source": source, "published": published, "indicator": "other", "value": r.value,
                "unit": None if r.unit != r.unit else r.unit, "quote": r.text, "start": int(r.start),
                "end": int(r.end), "lang": None, "flags": ""}
               for r in found.itertuples(index=False) if r.value == r.value and abs(r.value) < float("inf")]
    return to_frame(records)


def extractor():
    """None (the real analysis.extract) when it exists, else the scan-based stand-in."""
    return None if has_extract() else scan_rows
