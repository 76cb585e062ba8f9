"""Fill the Russian country names, the display names and the missing country adjectives of ``analysis/rules/countries.tsv``.

    python data/build_countries.py

The hand-written rows stay as they are; for a country whose ``ru`` cell is empty, the CLDR Russian name
(babel) and every case form of it (pymorphy3) become the pattern and the name its ``label_ru``; a
hand-written pattern that misses the CLDR nominative ("Египт\\w*" and "Египет") gets those forms added.
Names that are also ordinary words ("Того", "Чад") are left out: names match case-sensitively, but a
sentence may start with the word. Empty adjective cells take ``data/raw/countries/demonyms.tsv``. Needs ``pip install 'analysis[rules-build]'``; the runtime needs none.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from build_places import _common_ru, _ru_forms

TABLE = Path(__file__).resolve().parents[1] / "analysis" / "rules" / "countries.tsv"
DEMONYMS = Path(__file__).resolve().parent / "raw" / "countries" / "demonyms.tsv"


def _demonyms() -> dict[str, dict]:
    lines = [line for line in DEMONYMS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    columns = lines[0].split("\t")
    return {cells[0]: dict(zip(columns, cells)) for cells in (line.split("\t") for line in lines[1:])}


def _cldr_name(alpha2: str, names: dict) -> str | None:
    """The CLDR Russian short name when it reads as a plain name ("Конго - Киншаса", "Гонконг (САР)" do not)."""
    name = names.get(alpha2)
    if not name or re.search(r"[().,]| - |о-в", name):
        return None
    return name


def _forms(name: str, morph) -> list[str]:
    """The case forms of a name, each word keeping the capitals it is written with ("Буркина-Фасо")."""
    out = {name}
    for form in _ru_forms(name, morph):
        words = form.split()
        if len(words) != len(name.split()):
            continue
        fixed = []
        for written, word in zip(name.split(), words):
            parts, given = word.split("-"), written.split("-")
            if len(parts) == len(given):
                parts = [p[:1].upper() + p[1:] if g[:1].isupper() else p for p, g in zip(parts, given)]
            fixed.append("-".join(parts))
        out.add(" ".join(fixed))
    return sorted(out)


def _pattern(forms: list[str]) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(set(forms), key=len, reverse=True))


def fill(lines: list[str]) -> tuple[list[str], int, int]:
    """The table's lines with Russian names filled; (lines, rows filled, rows extended)."""
    import pycountry
    import pymorphy3
    from babel import Locale

    morph = pymorphy3.MorphAnalyzer()
    names = Locale("ru").territories
    header = next(i for i, line in enumerate(lines) if line.startswith("iso3\t"))
    columns = lines[header].split("\t")
    filled = extended = 0
    demonyms = _demonyms()
    out = lines[:header + 1]
    for line in lines[header + 1:]:
        cells = dict(zip(columns, line.split("\t")))
        country = pycountry.countries.get(alpha_3=cells["iso3"])
        name = _cldr_name(country.alpha_2, names) if country else None
        if name and not (" " not in name and _common_ru(name, morph)):
            forms = _forms(name, morph)
            if not cells.get("ru"):
                cells["ru"] = _pattern(forms)
                filled += 1
            elif not re.fullmatch(f"(?:{cells['ru']})", name):
                cells["ru"] = cells["ru"] + "|" + _pattern([f for f in forms if not re.fullmatch(f"(?:{cells['ru']})", f)])
                extended += 1
            if not cells.get("label_ru"):
                cells["label_ru"] = name
        if not cells.get("label_en") and country:
            # the name charts show: ISO's common name ("Bolivia", not "Bolivia, Plurinational State of")
            cells["label_en"] = getattr(country, "common_name", None) or country.name.split(",")[0]
        for column in ("en_adj", "ru_adj"):
            if not cells.get(column) and demonyms.get(cells["iso3"], {}).get(column):
                cells[column] = demonyms[cells["iso3"]][column]
        out.append("\t".join(cells.get(c, "") for c in columns))
    return out, filled, extended


def main() -> None:
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    out, filled, extended = fill(lines)
    TABLE.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"countries.tsv: {filled} Russian names filled from CLDR, {extended} hand patterns given the CLDR forms", file=sys.stderr)


if __name__ == "__main__":
    main()
