"""Mentions to trade observations: `extract_records` (one dict per observation); `analysis.frames.extract`
is its frame form."""
from .statements import extract_records

__all__ = ["extract_records"]
