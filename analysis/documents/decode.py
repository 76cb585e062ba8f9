"""Bytes to text: byte order marks, UTF-16 without one, UTF-8, plausible cp1251; binary refused with a reason."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import DocumentError
from ..reading.text import CYRILLIC

_MAGIC = [
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"), (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\x7fELF", "ELF executable"),
    (b"PAR1", "Parquet"), (b"\xd0\xcf\x11\xe0", "OLE/old Office"), (b"7z\xbc\xaf", "7z"), (b"Rar!", "RAR"),
]
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when one byte of each pair is a high byte of few values, NUL among them.

    In UTF-16 text of one script the high bytes are nearly all 0x00 (ASCII) or one block (0x04: Cyrillic);
    single-byte encodings never look like that.
    """
    from collections import Counter

    n = len(head) // 2 * 2
    if n < 4:
        return None

    def concentrated(part: bytes) -> bool:
        top = Counter(part).most_common(2)
        return 0 in dict(top) and sum(c for _, c in top) >= 0.9 * len(part)

    even, odd = head[0:n:2], head[1:n:2]
    if concentrated(odd) and not concentrated(even):
        return "utf-16-le"
    if concentrated(even) and not concentrated(odd):
        return "utf-16-be"
    return None


_NON_ASCII_LETTERS = re.compile(r"[^\W\d_\x00-\x7f]+")
# punctuation that cp1251 text (Russian or English) carries: quotes, dashes, ellipsis, numero, NBSP, bullets
_CP1251_PUNCT = set("\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026\u2116\u00a0\u00ab\u00bb"
                    "\u2022\u00b0\u00a7\u00a9\u00ae\u00b1\u00b7\u2122\u20ac\u2030")


def _plausible_cp1251(text: str) -> bool:
    """Non-ASCII letters are Cyrillic and come in words; other non-ASCII characters are typographic.

    cp1251 decodes almost any byte, so we must judge: Latin-1 "à é ü" also decode to Cyrillic letters, but
    alone between ASCII letters, while Russian words are runs of them.
    """
    others = {ch for ch in text if ord(ch) > 127 and not ch.isalpha()}
    if others - _CP1251_PUNCT:
        return False
    runs = _NON_ASCII_LETTERS.findall(text)
    letters = sum(map(len, runs))
    if letters == 0:
        return True
    cyr = len(CYRILLIC.findall(text))
    return cyr / letters >= 0.8 and letters / len(runs) >= 2.0


def _check_controls(text: str, encoding: str) -> None:
    if not text:
        return
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > max(2, 0.01 * min(len(text), 100_000)):
        raise DocumentError(f"binary content ({controls} control characters after decoding as {encoding})")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, encoding name). Raises DocumentError with the reason when it is not text.

    >>> decode_bytes("Товарооборот".encode("cp1251"))
    ('Товарооборот', 'cp1251')
    >>> decode_bytes("trade".encode("utf-16"))[1]
    'utf-16-le'
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise DocumentError(f"binary file ({what}), not text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", ""))
            except UnicodeDecodeError as e:
                raise DocumentError(f"starts with a {enc} byte order mark but is not valid {enc}: {e.reason} "
                                    f"at byte {e.start + len(bom)}") from None
            _check_controls(text, enc)
            return text, enc
    enc16 = _utf16_without_bom(data[:4096])
    if enc16:
        try:
            text = data.decode(enc16)
        except UnicodeDecodeError:
            pass
        else:
            _check_controls(text, enc16)
            return text, enc16
    if b"\x00" in data:
        raise DocumentError(f"binary content (NUL byte at offset {data.index(0)})")
    if declared:
        import codecs

        try:
            name = codecs.lookup(declared).name
            text = data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall through to detection
        else:
            _check_controls(text, name)
            return text, name
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e
    else:
        _check_controls(text, "utf-8")
        return text, "utf-8"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible_cp1251(text):
        _check_controls(text, "cp1251")
        return text, "cp1251"
    raise DocumentError(
        f"unknown text encoding: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}), not UTF-16, "
        "and not plausible cp1251"
    )


def _sniff_encoding(path: Path) -> str:
    with open(path, "rb") as fh:
        return sniff_encoding(fh.read(1 << 16))


def sniff_encoding(head: bytes) -> str:
    """The encoding of a table file from its first 64 KB: a byte order mark, UTF-16 without one, UTF-8
    (a character cut at the end of `head` allowed), else cp1251."""
    for bom, enc in _BOMS:
        if head.startswith(bom):
            return "utf-8-sig" if enc == "utf-8-sig" else enc.replace("-le", "").replace("-be", "")
    enc16 = _utf16_without_bom(head[:4096])
    if enc16:
        return enc16
    import codecs

    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < (1 << 16))
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"
