"""Build the official-statistics snapshot from the statistics offices' own files (run by data/build.py).

Readers, one per publisher, each returning rows of `STAT_COLUMNS` (full units, USD):

- IMF Direction of Trade (legacy workbooks, one per reporter; US$ millions) -> ``dots_annual.csv.gz``
  (too big to ship raw: read from ``../shared/data`` when present, see data/SOURCES.md);
- Bureau of National Statistics of Kazakhstan, by partner, 2019–2023 (thousand US$);
- Statistics Agency of Uzbekistan (SDMX CSV by partner, M49 codes, thousand US$);
- Geostat (Georgia, world totals, US$ millions), the NSC of Kyrgyzstan (world totals, US$ millions),
  Armstat (Armenia, by partner, thousand US$);

together ``national_trade.csv``. (The World Bank bulk CSVs are read by `analysis.datasets`.)
Nothing here is imported by the package at run time.
"""
from __future__ import annotations

import csv
import gettext
import gzip
import io
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = DATA.parent.parent / "shared" / "data"   # the research folder beside the repository
DOTS_DIR = SHARED / "official" / "imf-dots-legacy"
RAW = DATA / "raw"

STAT_COLUMNS = ["reporter", "partner", "indicator", "year", "value", "unit", "estimated", "publisher", "dataset",
                "series_key"]
_FLOWS = {"Exports, FOB": ("exports", "TXG_FOB_USD"), "Imports, CIF": ("imports", "TMG_CIF_USD")}


def _maps(name: str) -> dict[str, str]:
    with open(DATA / "maps" / name, encoding="utf-8", newline="") as fh:
        return {r["name"]: r["code"] for r in csv.DictReader(fh)}


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-zа-яё]+", "", name.lower().replace("ё", "е"))


def ru_names() -> dict[str, str]:
    """Russian country name (normalised) -> ISO3: pycountry's translations, then data/maps/ru_country_names.csv."""
    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    out = {}
    for c in pycountry.countries:
        for n in {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}:
            out[_key(ru.gettext(n))] = c.alpha_3
    out.update({_key(k): v for k, v in _maps("ru_country_names.csv").items()})
    return out


def m49_to_iso3(code: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(numeric=str(code).zfill(3))
    return c.alpha_3 if c else None


# ------------------------------------------------------------------------------------------- IMF DOTS
def read_dots(folder: Path = DOTS_DIR) -> list[list]:
    """Every (reporter, partner, flow, year) value of the legacy DOTS workbooks, in full US$.

    Partners and reporters outside data/maps/imf_dots_names.csv (regional and income groups, "not
    specified") are left out; World, EU and Euro Area keep WLD, EUU, EMU. A value marked "e" by the IMF
    is an estimate (``estimated`` True). A reporter found in two workbooks (Nicaragua) is read once.
    """
    import openpyxl

    names = _maps("imf_dots_names.csv")
    rows, seen = [], set()
    for path in sorted(folder.glob("DOTS_*.xlsx"), key=lambda p: int(p.stem.split("_")[1])):
        wb = openpyxl.load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            cells = list(ws.iter_rows(values_only=True))
            reporter = names.get(cells[3][1])
            if reporter is None or (reporter, ws.title) in seen:
                continue
            seen.add((reporter, ws.title))
            if cells[4][1] != "US Dollars, Millions":
                raise ValueError(f"{path.name}: unit {cells[4][1]!r}, expected 'US Dollars, Millions'")
            indicator, code = _FLOWS[ws.title]
            years = cells[6]
            for r in cells[7:]:
                partner = names.get(r[1])
                if partner is None or partner == reporter:
                    continue
                for year, v in zip(years[2:], r[2:]):
                    if v is None or year is None:
                        continue
                    est = isinstance(v, str)
                    if est:  # "0.14 e", "1,234.5 e"
                        v = float(v.replace(",", "").replace("e", "").strip())
                    rows.append([reporter, partner, indicator, int(year), round(float(v) * 1e6, 2), "USD", est,
                                 "IMF", f"IMF DOTS legacy workbook {path.name}", f"DOTS.{reporter}.{code}.{partner}.A"])
        wb.close()
    return rows


def write_dots(path: Path, rows: list[list]) -> None:
    """A gzip CSV with a fixed header time, so the same rows give the same bytes."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["reporter", "partner", "indicator", "year", "value", "estimated"])
    for r in sorted(rows, key=lambda r: (r[0], r[2], r[1], r[3])):
        w.writerow([r[0], r[1], r[2], r[3], f"{r[4]:.0f}", "e" if r[6] else ""])
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))


# ------------------------------------------------------------------------------------ national offices
def read_bns(folder: Path) -> list[list]:
    """BNS Kazakhstan "main indicators of foreign trade by country": each file's own year, by partner."""
    import pandas as pd

    names = ru_names()
    groups = {"всего": "WLD"}
    rows, unknown = [], set()
    for path in sorted(folder.glob("stat-gov-kz_main-indicators-by-country_*.xls")):
        year = int(path.stem[-4:])
        sheets = pd.read_excel(path, header=None, sheet_name=None, engine="xlrd")
        sheet = next(df for name, df in sheets.items() if name.endswith(str(year)))
        start = next(i for i, v in enumerate(sheet[0]) if isinstance(v, str) and v.strip().startswith("Всего"))
        for r in sheet.iloc[start:].itertuples(index=False):
            name = str(r[0]).strip()
            k = _key(name.split("\n")[0])
            code = groups.get(k) or names.get(k)
            if code is None:
                if k.startswith("стран") or not k:  # country groups (CIS, EAEU, ...) are not partners
                    continue
                unknown.add(name)
                continue
            if code == "-":  # continents and "rest of the world" are not partners
                continue
            for indicator, col in (("trade_turnover", 1), ("exports", 3), ("imports", 5)):
                v = r[col]
                if pd.isna(v):
                    continue
                rows.append(["KAZ", code, indicator, year, round(float(v) * 1e3, 2), "USD", False, "BNS Kazakhstan",
                             f"raw/national/kazakhstan/{path.name}", f"BNS.KAZ.{indicator}.{code}.{year}"])
    if unknown:
        raise ValueError(f"BNS partner names without an ISO3 code (add them to data/maps/ru_country_names.csv): "
                         f"{sorted(unknown)}")
    return rows


def read_uzstat(folder: Path) -> list[list]:
    """Statistics Agency of Uzbekistan, SDMX CSV exports (1105) and imports (1176) by partner (M49)."""
    import pandas as pd

    rows = []
    for name, indicator in (("stat-uz_sdmx_1105_exports-by-country.csv", "exports"),
                            ("stat-uz_sdmx_1176_imports-by-country.csv", "imports")):
        df = pd.read_csv(folder / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        for r in df.to_dict("records"):
            code = m49_to_iso3(r["Code"])
            if code is None:
                continue  # M49 codes of areas without an ISO country (e.g. "not specified")
            for year in (c for c in df.columns if c.isdigit()):
                if r[year] == "":
                    continue
                rows.append(["UZB", code, indicator, int(year), round(float(r[year]) * 1e3, 2), "USD", False,
                             "Statistics Agency of Uzbekistan", f"raw/national/uzbekistan/{name}",
                             f"UZSTAT.{name.split('_')[2]}.{r['Code']}.{year}"])
    return rows


def read_geostat(path: Path) -> list[list]:
    """Geostat: Georgia's total exports/imports by year (US$ millions); 2024 is marked preliminary."""
    import pandas as pd

    rows = []
    for sheet in pd.read_excel(path, header=None, sheet_name=None).values():
        head = sheet.iloc[:, 0].map(str)
        for i, label in enumerate(head):
            flow = {"Total Exports": "exports", "Total Imports": "imports"}.get(label.strip())
            if flow is None:
                continue
            years = sheet.iloc[3]
            for col in range(1, sheet.shape[1]):
                y, v = str(years.iloc[col]), sheet.iat[i, col]
                if pd.isna(v) or not y[:4].isdigit():
                    continue
                rows.append(["GEO", "WLD", flow, int(float(y.rstrip("*"))), round(float(v) * 1e6, 2), "USD",
                             y.endswith("*"), "Geostat", f"raw/national/georgia/{path.name}",
                             f"GEOSTAT.FTrade.{flow}.{int(float(y.rstrip('*')))}"])
    return rows


def read_kgstat(folder: Path) -> list[list]:
    """NSC Kyrgyzstan: the republic's total exports/imports by year (US$ millions); regions are left out."""
    import pandas as pd

    rows = []
    for name, flow in (("stat-kg_export_2023.xlsx", "exports"), ("stat-kg_import_2023.xlsx", "imports")):
        sheet = next(iter(pd.read_excel(folder / name, header=None, sheet_name=None).values()))
        h = next(i for i, v in enumerate(sheet[2]) if v == "Items")
        total = next(i for i, v in enumerate(sheet[2]) if v == "Kyrgyz Republic")
        for col in range(3, sheet.shape[1]):
            y, v = sheet.iat[h, col], sheet.iat[total, col]
            if pd.isna(v) or pd.isna(y):
                continue
            rows.append(["KGZ", "WLD", flow, int(y), round(float(v) * 1e6, 2), "USD", False, "NSC Kyrgyzstan",
                         f"raw/national/kyrgyzstan/{name}", f"KGSTAT.{flow}.{int(y)}"])
    return rows


def read_armstat(path: Path) -> list[list]:
    """Armstat by partner as collected by mary-lev/eu-export-sanctions: the "Year" rows of complete years.

    Units: thousand US$ (Armstat's table unit). Imports by country of consignment (the IMF's convention
    for CIF imports); ``import_origin`` is left out. 2023 holds only January and is skipped.
    """
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    months = df[df["timeperiod"] != "Year"].groupby("year")["timeperiod"].nunique()
    complete = {y for y, n in months.items() if n == 12}
    names = {_key(n): c for n, c in _maps("en_country_names.csv").items()}
    import pycountry

    rows = []
    for r in df[(df["timeperiod"] == "Year") & df["year"].isin(complete)].to_dict("records"):
        name = r["country"].strip()
        code = names.get(_key(name))
        if code is None:
            try:
                code = pycountry.countries.lookup(name).alpha_3
            except LookupError:
                continue  # areas Armstat does not name as a country
        for flow, col in (("exports", "export"), ("imports", "import_consigment")):
            v = r[col].strip()
            if v in ("", "-"):
                continue
            rows.append(["ARM", code, flow, int(r["year"]), round(float(v) * 1e3, 2), "USD", False, "Armstat",
                         f"raw/national/armenia/{path.name}", f"ARMSTAT.{flow}.{code}.{r['year']}"])
    return rows


def national_rows() -> list[list]:
    base = RAW / "national"
    return (read_bns(base / "kazakhstan") + read_uzstat(base / "uzbekistan")
            + read_geostat(base / "georgia" / "geostat_FTrade_1995-2024.xlsx") + read_kgstat(base / "kyrgyzstan")
            + read_armstat(base / "armenia" / "armstat_armenia_data.csv"))
