"""Render every chart function of `analysis.views.charts` on the seed and on short texts written for
this gallery, as PNGs beside this file, plus an index (README.md).

    .venv/bin/python docs/gallery/make.py            # all cases
    .venv/bin/python docs/gallery/make.py two_years  # one case

The texts below were written for the gallery (no article is copied); each case is one situation a
newsroom meets: two plain years with a growth figure, one figure from two outlets, partial and full
years mixed, a single value, Russian text, exports and imports without a balance, news beside both
sides' official statistics, many partners. Needs the system Chromium (`apt-get install -y chromium`).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import analysis
from analysis import datasets
from analysis.views import charts
from analysis.views.export import write_charts

HERE = Path(__file__).resolve().parent

# (text, published, outlet) per document; a case is a list of documents and a language
CASES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "two_years": ("en", [
        ("In 2022 trade between Kazakhstan and China reached $5 billion. In 2023 trade turnover between "
         "Kazakhstan and China grew by 24% to $6.2 billion.", "2024-02-01", "Kazinform"),
    ]),
    "two_outlets": ("en", [
        ("German exports to China amounted to €97.3 billion in 2022, according to Destatis.", "2023-02-10", "dw.com"),
        ("In 2022, Germany's exports to China were worth 97.3 billion euros.", "2023-02-12", "reuters.com"),
        ("Germany's imports from China came to €191.1 billion in 2022.", "2023-02-12", "reuters.com"),
    ]),
    "partial_full": ("en", [
        ("Trade turnover between Kazakhstan and Uzbekistan amounted to $4.2 billion in 2020. In January-June "
         "2022 it reached $2.6 billion, and in January-September 2022 it was $3.9 billion. In 2022 as a whole "
         "the turnover was $5.6 billion.", "2023-03-01", "Trend"),
    ]),
    "one_value": ("en", [
        ("Trade turnover between Serbia and Hungary reached 3.1 billion euros in 2023.", "2024-01-20", "Tanjug"),
    ]),
    "russian": ("ru", [
        ("По итогам 2022 года товарооборот между Казахстаном и Россией составил 28,2 млрд долларов США. "
         "В 2023 году товарооборот вырос на 2,5% до 28,9 млрд долларов.", "2024-02-05", "Казинформ"),
        ("Экспорт Казахстана в Россию в 2023 году составил 9,3 млрд долларов, импорт из России — "
         "19,6 млрд долларов.", "2024-02-10", "Курсив"),
    ]),
    "flows_no_balance": ("en", [
        ("In 2023 Kazakhstan exported goods worth $1.2 billion to Turkey.", "2024-03-01", "Daily Sabah"),
        ("Kazakhstan's imports from Turkey amounted to $2.1 billion in 2023, and in 2022 to $1.9 billion.",
         "2024-03-04", "Anadolu"),
    ]),
}


def seed_frame():
    return analysis.extract(datasets.seed_text(), source="Kazinform")


def case_frame(docs):
    return pd.concat([analysis.extract(t, published=p, source=s) for t, p, s in docs], ignore_index=True)


def news_and_official():
    """News rows beside the bundled figures for Kazakhstan–China: the BNS series (basis "reporter") and the
    ministry figures outlets quoted (basis "reported", as the gallery's own news rows: one series)."""
    news = case_frame([
        ("Trade between Kazakhstan and China reached $24 billion in 2022.", "2023-01-20", "Kazinform"),
        ("In 2023 trade between Kazakhstan and China grew to $31.5 billion.", "2024-01-25", "Astana Times"),
    ]).assign(basis="reported")
    official = datasets.official_trade()  # with the figures the news quoted (China's too: statistics "CHN")
    official = official[(official["partner"] == "CHN") & (official["reporter"] == "KAZ")
                        & (official["indicator"] == "trade_turnover")]
    return pd.concat([news, official], ignore_index=True)


def many_partners():
    official = datasets.official_trade(news=False)
    keep = (official["reporter"] == "KAZ") & (official["indicator"] == "trade_turnover") & (
        official["basis"] == "reporter") & official["period_start"].str.endswith("-01") & official[
        "period_end"].str.endswith("-12")
    return official[keep]


def figures_of(name: str, frame, lang: str) -> dict:
    """Every chart function on one frame (an empty chart says why it is empty)."""
    out = {
        f"{name}-turnover": charts.turnover_chart(frame, lang=lang),
        f"{name}-flows": charts.flows_chart(frame, lang=lang),
        f"{name}-related": charts.related_chart(frame, lang=lang,
                                                series="basis" if "basis" in frame.columns else None),
        f"{name}-partners": charts.partners_chart(frame, lang=lang),
        f"{name}-panel": charts.panel_chart(frame, lang=lang),
    }
    return out


def all_figures(only=None) -> dict:
    figs: dict = {}
    inputs = {"seed": ("en", seed_frame)}
    inputs.update({k: (lang, (lambda d=docs: case_frame(d))) for k, (lang, docs) in CASES.items()})
    inputs["news_official"] = ("en", news_and_official)
    inputs["many_partners"] = ("en", many_partners)
    for name, (lang, make) in inputs.items():
        if only and name not in only:
            continue
        figs.update(figures_of(name, make(), lang))
    return figs


def main(argv):
    figs = all_figures(set(argv) or None)
    written = write_charts(figs, HERE, formats=("png",))
    lines = ["# Chart gallery", "",
             "Every chart function on the seed and on short texts written for the gallery "
             "(`docs/gallery/make.py` renders them; run it again after a change to the charts).", ""]
    for path in sorted(HERE.glob("*.png")):
        lines += [f"## {path.stem}", "", f"![{path.stem}]({path.name})", ""]
    (HERE / "README.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(written)} charts written to {HERE}")


if __name__ == "__main__":
    main(sys.argv[1:])
