"""analysis.sources, the parse layer: recorded answers (tests/fixtures/sources) fed to the parsers, no client."""
from __future__ import annotations

import copy
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import (SourceError, SourceKeyError, SourceNetworkError, SourceNotFoundError, SourceOfflineError,
                             SourceQueryError, SourceTimeoutError)
from analysis.sources import SOURCE_COLUMNS, cache, comtrade, imf, mirror, worldbank

FIX = Path(__file__).parent / "fixtures" / "sources"


def _json(name):
    return json.loads((FIX / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANALYSIS_OFFLINE", raising=False)
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)


# ------------------------------------------------------------------------------------------ Comtrade codes
@pytest.mark.parametrize("iso3, year, code", [
    ("IND", 2020, 699), ("USA", 2020, 842), ("FRA", 2020, 251), ("EUU", 2020, 97), ("WLD", 2020, 0),
    ("SRB", 2006, 688), ("SRB", 2023, 688), ("SCG", 2005, 891), ("KAZ", 2022, 398), ("CHE", 2022, 757),
    ("DEU", 2010, 276),
])
def test_comtrade_codes_handle_the_m49_traps(iso3, year, code):
    assert comtrade.area_code(iso3, year) == code


def test_serbia_before_2006_is_refused_with_the_reason():
    with pytest.raises(SourceQueryError, match="SCG is Serbia and Montenegro"):
        comtrade.area_code("SRB", 2005)


def test_unknown_area_is_a_query_error():
    with pytest.raises(SourceQueryError, match="'XXX'") as info:
        comtrade.area_code("XXX", 2020)
    assert info.value.kind == "query" and isinstance(info.value, ValueError)


def test_codes_read_back_to_iso3_by_year():
    assert comtrade.area_iso3(699, 2020) == "IND"
    assert comtrade.area_iso3(891, 2004) == "SCG" and comtrade.area_iso3(688, 2010) == "SRB"
    assert comtrade.area_iso3(0, 2020) == "WLD"


# ------------------------------------------------------------------------------------------ Comtrade parse
def test_comtrade_parse_keeps_real_values_and_provenance():
    rows = comtrade.parse(_json("comtrade_chn_2010.json")["data"], retrieved_at="2026-01-01T00:00:00+00:00")
    assert list(rows.columns) == list(SOURCE_COLUMNS)
    got = {(r.indicator, r.partner): r.value for r in rows.itertuples()}
    assert got == {("imports", "ARG"): 6804128143.0, ("imports", "DEU"): 74251272075.0,
                   ("exports", "ARG"): 6115764185.0, ("exports", "DEU"): 68047133397.0}
    first = rows.iloc[0]
    assert (first.reporter, first.period, first.period_start, first.period_end) == ("CHN", "2010", "2010-01", "2010-12")
    assert (first.unit, first.basis, first.statistics, first.source) == ("USD", "reporter", "CHN", "UN Comtrade")
    assert first.series_key == "C/A/156/32/M/TOTAL" and first.dataset == "final data C/A/H3"
    assert first.retrieved_at == "2026-01-01T00:00:00+00:00" and "CIF" in first.note


def test_comtrade_parse_drops_split_rows_so_nothing_is_counted_twice():
    data = _json("comtrade_chn_2010.json")["data"]
    by_mode = dict(data[0], motCode=2100, primaryValue=1.0)         # sea transport only: part of the total
    by_chapter = dict(data[0], cmdCode="27", primaryValue=2.0)      # one HS chapter: part of the total
    re_export = dict(data[2], flowCode="RX", primaryValue=3.0)
    rows = comtrade.parse(data + [by_mode, by_chapter, re_export])
    assert len(rows) == 4 and not rows["value"].isin([1.0, 2.0, 3.0]).any()


def test_comtrade_parse_marks_estimates_and_reads_monthly_periods():
    rec = dict(_json("comtrade_chn_2010.json")["data"][0], freqCode="M", period="201003", refMonth=3,
               isReported=False, legacyEstimationFlag=4)
    row = comtrade.parse([rec]).iloc[0]
    assert (row.period, row.period_start, row.period_end) == ("2010-03", "2010-03", "2010-03")
    assert "estimated by UN Comtrade" in row.note and "legacy estimation flag 4" in row.note


def test_comtrade_parse_takes_the_clients_frame_too():
    frame = pd.json_normalize(_json("comtrade_chn_2010.json")["data"])
    assert comtrade.parse(frame)["value"].sum() == pytest.approx(155218297800.0)


def test_comtrade_parse_empty_answer_is_an_empty_frame():
    rows = comtrade.parse(_json("comtrade_empty.json")["data"])
    assert rows.empty and list(rows.columns) == list(SOURCE_COLUMNS)


@pytest.mark.parametrize("printed, error, words", [
    ("Request error: HTTPSConnectionPool(host='comtradeapi.un.org'): Max retries exceeded",
     SourceNetworkError, "Max retries"),
    (json.dumps(_json("comtrade_401.json")), SourceKeyError, "invalid subscription key"),
    ('{"statusCode": 429, "message": "Rate limit is exceeded. Try again in 5 seconds."}', SourceKeyError, "quota"),
    ('{"statusCode": 400, "message": "Invalid reporterCode"}', SourceQueryError, "Invalid reporterCode"),
    ('{"statusCode": 503, "message": "Service Unavailable"}', SourceNetworkError, "503"),
    (json.dumps(_json("comtrade_404.json")), SourceNotFoundError, "404 Resource not found"),
    ('{"statusCode": 504, "message": "Gateway Timeout"}', SourceTimeoutError, "504"),
    ("Request error: HTTPSConnectionPool(host='comtradeapi.un.org', port=443): Max retries exceeded with url: /x "
     "(Caused by ReadTimeoutError(\"HTTPSConnectionPool(host='comtradeapi.un.org', port=443): Read timed out. "
     "(read timeout=120)\"))", SourceTimeoutError, "Read timed out"),
    ("<html><body>Not Found</body></html>", SourceQueryError, "Not Found"),   # no status in it: not cached
    ("", SourceQueryError, "no answer"),
])
def test_what_the_client_printed_becomes_a_clear_error(printed, error, words):
    exc = comtrade._classify(printed, "reporterCode=398", keyed=True)
    assert type(exc) is error and words in str(exc) and "UN Comtrade" in str(exc)


def test_a_key_error_without_a_key_says_which_variable_to_set():
    exc = comtrade._classify(json.dumps(_json("comtrade_401.json")), "q", keyed=False)
    assert "COMTRADE_API_KEY" in str(exc)


# ------------------------------------------------------------------------------------------------ IMF
def _imts(text=None):
    import sdmx

    text = text if text is not None else (FIX / "imts_usa_xg_2023.xml").read_text(encoding="utf-8")
    return sdmx.read_sdmx(__import__("io").BytesIO(text.encode()))


def test_imf_keys_use_iso3_and_the_world_code():
    assert imf.series_key("KAZ", "SRB") == "KAZ.XG_FOB_USD+MG_CIF_USD.SRB.A"
    assert imf.series_key("usa", "WLD", ["TBG_USD"], "M") == "USA.TBG_USD.G001.M"
    with pytest.raises(SourceQueryError, match="alpha-3"):
        imf.series_key("398", "SRB")
    with pytest.raises(SourceQueryError, match="IMTS indicators"):
        imf.series_key("KAZ", "SRB", ["NGDP"])


def test_imf_parse_real_answer_in_full_units():
    rows = imf.parse(_imts(), retrieved_at="2026-01-01T00:00:00+00:00")
    assert list(rows.columns) == list(SOURCE_COLUMNS)
    world = rows[rows["partner"] == "WLD"].set_index("period")["value"]
    # USA's goods exports 2023 as published: US$2.02 trillion; SCALE 6 is the display scale, not applied
    assert world["2023"] == 2019551635133.0 and world["2024"] == 2065411250609.0
    row = rows.iloc[0]
    assert (row.indicator, row.reporter, row.unit, row.series_key) == ("exports", "USA", "USD", "IMTS.USA.XG_FOB_USD.G001.A")
    assert "SCALE 6" in row.note and row.source == "IMF" and row.dataset == "IMTS"
    assert set(rows["partner"]) == {"WLD", "G998"}   # an IMF group code the package does not know stays as it is


def test_imf_full_units_agree_with_the_bundled_dots_snapshot():
    from analysis.datasets import official_trade

    dots = official_trade("USA", "WLD", imf=True, news=False)
    x2020 = dots[(dots.reporter == "USA") & (dots.indicator == "exports") & (dots.period_start == "2020-01")
                 & (dots.dataset == "processed/dots_annual.csv.gz")]["value"].iloc[0]
    imts2023 = imf.parse(_imts()).query("partner == 'WLD' and period == '2023'")["value"].iloc[0]
    assert 1.0 < imts2023 / x2020 < 1.6     # same magnitude (2020 to 2023 growth), not 10**6 apart


def test_imf_unit_mult_is_applied():
    text = (FIX / "imts_usa_xg_2023.xml").read_text(encoding="utf-8")
    text = text.replace('SCALE="6"', 'UNIT_MULT="6"').replace('OBS_VALUE="2019551635133"', 'OBS_VALUE="2019551.635133"')
    rows = imf.parse(_imts(text))
    assert rows.query("partner == 'WLD' and period == '2023'")["value"].iloc[0] == pytest.approx(2019551635133.0)
    assert "UNIT_MULT 6 applied" in rows["note"].iloc[0]


def test_imf_unreadable_multiplier_is_refused():
    text = (FIX / "imts_usa_xg_2023.xml").read_text(encoding="utf-8").replace('SCALE="6"', 'UNIT_MULT="six"')
    with pytest.raises(SourceQueryError, match="UNIT_MULT"):
        imf.parse(_imts(text))


# ---------------------------------------------------------------------------------------- World Bank
def test_worldbank_parse_units_and_aggregates_apart():
    rows = worldbank.parse(_json("wb_trade_gdp_2022.json")["source"]["data"] + _json("wb_fcrf_kaz_srb.json")["source"]["data"])
    assert list(rows.columns) == list(SOURCE_COLUMNS)
    countries, groups = worldbank.split(rows)
    assert set(groups["reporter"]) == {"WLD", "EUU"} and "WLD" not in set(countries["reporter"])
    kzt = countries.query("indicator == 'exchange_rate' and reporter == 'KAZ' and period == '2022'").iloc[0]
    assert kzt.value == 460.165 and kzt.unit == "KZT per USD" and kzt.series_key == "WDI.PA.NUS.FCRF.KAZ"
    assert countries.query("reporter == 'SRB' and indicator == 'trade_gdp'").iloc[0].unit == "percent of GDP"
    assert pd.isna(kzt.partner)
    assert len(countries.query("reporter == 'SRB' and indicator == 'exchange_rate'")) == 3
    assert countries.query("reporter == 'KAZ' and period == '2024'").iloc[0].value == 468.9625


def test_worldbank_blank_value_is_left_out():
    """The API answers a year not yet published with ``"value": null``; such a record is no row."""
    records = _json("wb_fcrf_kaz_srb.json")["source"]["data"]
    blank = copy.deepcopy(records[-1])
    blank["variable"][2] = {"concept": "Time", "id": "YR2025", "value": "2025"}
    blank["value"] = None
    rows = worldbank.parse(records + [blank])
    assert len(rows) == len(records) and "2025" not in set(rows["period"])


def test_worldbank_rates_match_the_bundled_bulk_file():
    from analysis.datasets import exchange_rates

    rows = worldbank.parse(_json("wb_fcrf_kaz_srb.json")["source"]["data"])
    bulk = exchange_rates().query("source == 'World Bank WDI'").set_index(["currency", "year"])["per_usd"]
    for r in rows.itertuples():
        assert r.value == pytest.approx(bulk[(r.unit.split()[0], int(r.period))], rel=1e-12)


def test_worldbank_unknown_indicator_is_a_query_error():
    with pytest.raises(SourceQueryError, match="known: gdp"):
        worldbank._indicator("SP.POP.TOTL")


# --------------------------------------------------------------------------------------------- mirror
def test_mirror_turns_the_partners_figures_round():
    china = comtrade.parse(_json("comtrade_chn_2010.json")["data"])
    balance = china.iloc[[0]].assign(indicator="trade_balance", value=-5.0)
    out = mirror(pd.concat([china, balance], ignore_index=True), "ARG")
    assert set(out["reporter"]) == {"ARG"} and set(out["partner"]) == {"CHN"} and set(out["basis"]) == {"mirror"}
    assert set(out["statistics"]) == {"CHN"}
    by = out.set_index("indicator")["value"]
    assert by["exports"] == 6804128143.0       # China's imports from Argentina = Argentina's exports, mirror
    assert by["imports"] == 6115764185.0 and by["trade_balance"] == 5.0
    assert len(china) == 4 and set(china["basis"]) == {"reporter"}   # the input is not changed


# ---------------------------------------------------------------------------------------------- cache
def test_cache_second_call_reads_the_file_and_offline_needs_it(tmp_path):
    calls = []

    def fetch():
        calls.append(1)
        return comtrade.parse(_json("comtrade_chn_2010.json")["data"])

    q = {"reporter": "CHN", "years": [2010]}
    first = cache.cached("UN Comtrade", q, fetch)
    again = cache.cached("UN Comtrade", q, fetch, offline=True)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, again, check_dtype=False)
    assert cache.cache_path("UN Comtrade", q).parent.parent == tmp_path / "cache"
    with pytest.raises(SourceOfflineError, match="no cached answer") as info:
        cache.cached("UN Comtrade", {"reporter": "KAZ"}, fetch, offline=True)
    assert isinstance(info.value, SourceError) and '"reporter":"KAZ"' in str(info.value)
    cache.cached("UN Comtrade", q, fetch, refresh=True)
    assert len(calls) == 2
    assert cache.clear("UN Comtrade") == 1 and not cache.cache_path("UN Comtrade", q).exists()


def test_cache_keeps_a_no_data_answer_like_data_and_no_other_failure(tmp_path):
    calls = []

    def fails(error):
        def fetch():
            calls.append(error)
            raise error("UN Comtrade", "reporterCode=32", "404 Resource not found")
        return fetch

    q = {"reporter": "ARG", "years": [2010]}
    for attempt in range(3):   # the 404 is asked for once, then raised from the cache, online or offline
        with pytest.raises(SourceNotFoundError, match="reporterCode=32.*404 Resource not found" +
                           (r" \(cached answer of 20" if attempt else "$")):
            cache.cached("UN Comtrade", q, fails(SourceNotFoundError), offline=attempt == 2)
    assert len(calls) == 1 and cache.not_found_path("UN Comtrade", q).exists()
    with pytest.raises(SourceNotFoundError):
        cache.cached("UN Comtrade", q, fails(SourceNotFoundError), refresh=True)
    assert len(calls) == 2
    rows = cache.cached("UN Comtrade", q, lambda: comtrade.parse(_json("comtrade_chn_2010.json")["data"]), refresh=True)
    assert not cache.not_found_path("UN Comtrade", q).exists()   # the newest answer replaces the 404
    pd.testing.assert_frame_equal(cache.cached("UN Comtrade", q, fails(SourceNotFoundError)), rows, check_dtype=False)
    cache.cached("UN Comtrade", {"k": 2}, lambda: rows)
    with pytest.raises(SourceNotFoundError):
        cache.cached("UN Comtrade", {"k": 3}, fails(SourceNotFoundError))
    assert cache.clear("UN Comtrade") == 3   # data and 404 notes alike
    for error in (SourceNetworkError, SourceTimeoutError, SourceQueryError, SourceKeyError):   # never stored
        for _ in range(2):
            with pytest.raises(error):
                cache.cached("UN Comtrade", {"e": error.__name__}, fails(error))
        assert calls.count(error) == 2
    assert cache.clear() == 0


def test_offline_mode_from_the_environment(monkeypatch):
    monkeypatch.setenv("ANALYSIS_OFFLINE", "1")
    assert cache.offline_mode() and not cache.offline_mode(False)
    with pytest.raises(SourceOfflineError):
        imf.trade("KAZ", "SRB", 2022, 2023)


def test_cache_folder_defaults_to_the_user_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv("ANALYSIS_CACHE_DIR")
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("analysis", appauthor=False)) / "sources"


def test_cached_values_round_trip_exactly():
    rows = imf.parse(_imts())
    back = cache.cached("IMF", {"k": 1}, lambda: rows)
    back = cache.cached("IMF", {"k": 1}, lambda: None)
    assert back["value"].tolist() == rows["value"].tolist() and back["aggregate"].dtype == bool
    assert not any(isinstance(v, float) and math.isnan(v) for v in back["note"])


def test_a_live_answer_can_be_the_official_side_of_reconcile():
    import analysis
    from analysis.sources import to_official

    news = analysis.extract("In 2023 the exports of the USA to the world amounted to 2.02 trillion US dollars.")
    official = to_official(imf.parse(_imts()))
    out = analysis.reconcile(news, official)
    hit = out[out["claim"] == "reported"].iloc[0]
    assert hit.official_value == 2019551635133.0 and hit.period_relation == "exact"
    assert hit.official_series == "IMTS.USA.XG_FOB_USD.G001.A" and hit.official_authority == "IMF"
    assert hit.official_url == "https://data.imf.org/en/datasets/IMF.STA:IMTS"
    assert bool(hit.within_rounding)          # "2.02 trillion" rounds US$2,019.55 billion
    assert official["series_key"].notna().all() and len(official) == 4


def test_comtrade_parse_reads_a_frame_with_gaps():
    data = _json("comtrade_chn_2010.json")["data"]
    gappy = [dict(data[0], legacyEstimationFlag=None, motCode=None), dict(data[1], partner2Code=None)] + data[2:]
    frame = pd.json_normalize(gappy)          # as the client hands it over: None -> NaN, ints -> floats
    rows = comtrade.parse(frame)
    assert len(rows) == 4 and "estimation flag" not in "".join(rows["note"])
