"""analysis.sources through the real clients (comtradeapicall, sdmx1, wbgapi), the network replaced at the
urllib3 level: every HTTP request any of them makes is answered from tests/fixtures/sources, and a request
no test recorded fails the test, so nothing here can reach the network."""
from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import urllib3

from analysis import sources
from analysis.errors import (SourceError, SourceKeyError, SourceNetworkError, SourceNotFoundError, SourceOfflineError,
                             SourceQueryError, SourceTimeoutError, SourceWarning)

FIX = Path(__file__).parent / "fixtures" / "sources"


class Replay:
    """Recorded answers by (host, path prefix, query filter); `requests` keeps every URL asked for."""

    def __init__(self):
        self.answers: list[tuple[str, str, dict, object]] = []
        self.requests: list[str] = []

    def add(self, host, path, answer, status=200, content_type="application/json", **query):
        self.answers.append((host, path, query, (answer, status, content_type)))

    def __call__(self, pool, method, url, body=None, headers=None, **kw):
        full = f"{pool.scheme}://{pool.host}{url}"
        self.requests.append(full)
        parts = urlsplit(full)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        for host, path, query, answer in self.answers:
            if parts.hostname == host and parts.path.startswith(path) and all(params.get(k) == v for k, v in query.items()):
                break
        else:
            raise AssertionError(f"unrecorded request (no network in tests): {method} {full}")
        if isinstance(answer[0], Exception):
            raise answer[0]
        data, status, content_type = answer
        if isinstance(data, Path):
            data = data.read_bytes()
        return urllib3.HTTPResponse(
            body=io.BytesIO(data), headers={"Content-Type": content_type, "Content-Length": str(len(data))},
            status=status, preload_content=kw.get("preload_content", True),
            decode_content=kw.get("decode_content", True), request_method=method, request_url=full)


@pytest.fixture
def replay(monkeypatch, tmp_path):
    monkeypatch.setenv("ANALYSIS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ANALYSIS_OFFLINE", raising=False)
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    r = Replay()
    monkeypatch.setattr(urllib3.connectionpool.HTTPConnectionPool, "urlopen",
                        lambda pool, method, url, *a, **kw: r(pool, method, url, *a, **kw))
    return r


def _refused(host):
    pool = urllib3.HTTPSConnectionPool(host)
    reason = urllib3.exceptions.NewConnectionError(pool, "[Errno -3] Temporary failure in name resolution")
    return urllib3.exceptions.MaxRetryError(pool, "/", reason)


def _timed_out(host):
    return urllib3.exceptions.ReadTimeoutError(urllib3.HTTPSConnectionPool(host), "/", "Read timed out. (read timeout=120)")


COMTRADE = "comtradeapi.un.org"
IMF = "api.imf.org"
WB = "api.worldbank.org"


# ------------------------------------------------------------------------------------------ Comtrade
def test_comtrade_preview_without_a_key(replay):
    replay.add(COMTRADE, "/public/v1/preview/C/A/HS", FIX / "comtrade_chn_2010.json", reportercode="156")
    rows = sources.comtrade.trade("CHN", "ARG", [2010])
    assert len(replay.requests) == 1
    q = parse_qs(urlsplit(replay.requests[0]).query)
    assert q["cmdCode"] == ["TOTAL"] and q["partnerCode"] == ["32"] and q["flowCode"] == ["X,M"]
    assert q["partner2Code"] == ["0"] and q["motCode"] == ["0"] and q["customsCode"] == ["C00"]
    assert "subscription-key" not in q
    assert rows.query("partner == 'DEU' and indicator == 'exports'")["value"].iloc[0] == 68047133397.0


def test_comtrade_key_from_the_environment_uses_the_full_endpoint(replay, monkeypatch):
    monkeypatch.setenv("COMTRADE_API_KEY", "k-123")
    replay.add(COMTRADE, "/data/v1/get/C/A/HS", FIX / "comtrade_chn_2010.json")
    sources.comtrade.trade("CHN", "ARG", [2010])
    assert parse_qs(urlsplit(replay.requests[0]).query)["subscription-key"] == ["k-123"]


def test_comtrade_m49_traps_reach_the_request(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_empty.json")
    sources.comtrade.trade("IND", "USA", [2021])
    sources.comtrade.trade("SDN", "WLD", [2011, 2012])
    asked = [parse_qs(urlsplit(u).query) for u in replay.requests]
    assert (asked[0]["reportercode"], asked[0]["partnerCode"]) == (["699"], ["842"])
    # Sudan's code changed in 2012: one call per code
    assert [(a["reportercode"][0], a["period"][0], a["partnerCode"][0]) for a in asked[1:3]] == [
        ("736", "2011", "0"), ("729", "2012", "0")]
    with pytest.raises(SourceQueryError, match="no Comtrade code that year"):   # Serbia is 688 from 2006 only
        sources.comtrade.trade("SRB", "WLD", [2005, 2006])
    assert len(replay.requests) == 3


def test_comtrade_bad_key_is_a_key_error_not_none(replay, monkeypatch):
    monkeypatch.setenv("COMTRADE_API_KEY", "wrong")
    replay.add(COMTRADE, "/data/v1/get", FIX / "comtrade_401.json", status=401)
    with pytest.raises(SourceKeyError, match="invalid subscription key"):
        sources.comtrade.trade("CHN", "ARG", [2010])


def test_comtrade_no_network_is_a_network_error(replay):
    replay.add(COMTRADE, "/", _refused(COMTRADE))
    with pytest.raises(SourceNetworkError, match="name resolution"):
        sources.comtrade.trade("KAZ", "SRB", [2022])


def test_comtrade_pair_has_both_sides_and_the_cache_makes_the_second_call_offline(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_chn_2010.json", reportercode="156")
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_empty.json", reportercode="32")
    rows = sources.trade_pair("ARG", "CHN", 2010, source="comtrade")
    assert len(replay.requests) == 2
    assert set(rows["basis"]) == {"mirror"} and set(rows["reporter"]) == {"ARG"}
    assert rows.set_index("indicator")["value"]["exports"] == 6804128143.0
    again = sources.trade_pair("ARG", "CHN", 2010, source="comtrade", offline=True)
    assert len(replay.requests) == 2 and again["value"].tolist() == rows["value"].tolist()


def _comtrade_calls(replay, reporter_code):
    return [u for u in replay.requests if parse_qs(urlsplit(u).query)["reportercode"] == [reporter_code]]


def test_comtrade_pair_keeps_the_side_that_answered_when_the_other_has_no_data(replay):
    """Argentina's side is a 404: China's own rows come back, with a SourceWarning and ``attrs["missing"]``
    naming Argentina's side and why; with the sides the other way round, China's rows come back mirrored."""
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_chn_2010.json", reportercode="156")
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_404.json", status=404, reportercode="32")
    with pytest.warns(SourceWarning, match=r"UN Comtrade CHN-ARG: ARG's side is missing \(query failed .*"
                                           r"404 Resource not found.*\); only CHN's figures are returned") as caught:
        rows = sources.trade_pair("CHN", "ARG", 2010, source="comtrade")
    assert caught[0].filename == __file__            # the warning points at the caller's line
    assert len(replay.requests) == 2
    assert len(rows) == 4 and set(rows["basis"]) == {"reporter"} and set(rows["statistics"]) == {"CHN"}
    assert list(rows.attrs["missing"]) == ["ARG"] and "404 Resource not found" in rows.attrs["missing"]["ARG"]
    with pytest.warns(SourceWarning, match=r"ARG-CHN: ARG's side is missing .*only CHN's figures \(mirrored\)"):
        mirrored = sources.comtrade.pair("ARG", "CHN", [2010])
    assert set(mirrored["basis"]) == {"mirror"} and set(mirrored["reporter"]) == {"ARG"}
    assert mirrored.set_index("indicator")["value"]["exports"] == 6804128143.0
    assert sources.comtrade.pair("CHN", "CHN", [2010]).attrs["missing"] == {}   # both answered: nothing missing


def test_comtrade_pair_with_neither_side_names_both_sides_and_reasons(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_404.json", status=404)
    with pytest.raises(SourceQueryError, match=r"UN Comtrade, query failed \(pair KAZ-SRB\): neither side answered: "
                                               r"KAZ's side: .*404 Resource not found.*; SRB's side: .*404 Resource"):
        sources.trade_pair("KAZ", "SRB", 2022, source="comtrade")
    replay.answers.clear()
    replay.add(COMTRADE, "/public/v1/preview", _timed_out(COMTRADE), reportercode="398")
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_404.json", status=404, reportercode="688")
    with pytest.raises(SourceError, match=r"pair KAZ-SRB.*KAZ's side: network failed .*Read timed out.*; "
                                          r"SRB's side: query failed .*404 Resource not found"):
        sources.comtrade.pair("kaz", "srb", [2021])


def test_comtrade_no_data_is_cached_like_data_and_asked_again_only_on_refresh(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_chn_2010.json", reportercode="156")
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_404.json", status=404, reportercode="32")
    with pytest.warns(SourceWarning, match="ARG's side is missing"):
        first = sources.trade_pair("CHN", "ARG", 2010, source="comtrade")
    assert len(_comtrade_calls(replay, "32")) == 1
    for offline in (False, True):   # asked again, online or not: the cached 404, no request
        with pytest.warns(SourceWarning, match=r"ARG's side is missing .*404 Resource not found.*\(cached answer of "):
            again = sources.trade_pair("CHN", "ARG", 2010, source="comtrade", offline=offline)
        assert len(replay.requests) == 2 and again["value"].tolist() == first["value"].tolist()
        assert again.attrs["missing"].keys() == {"ARG"}
    with pytest.raises(SourceNotFoundError, match="404 Resource not found"):
        sources.comtrade.trade("ARG", "CHN", [2010])
    assert len(replay.requests) == 2
    with pytest.warns(SourceWarning, match="ARG's side is missing"):
        sources.trade_pair("CHN", "ARG", 2010, source="comtrade", refresh=True)
    assert len(_comtrade_calls(replay, "32")) == 2 and len(replay.requests) == 4


def test_comtrade_server_error_is_not_cached_and_sinks_the_pair(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_chn_2010.json", reportercode="156")
    replay.add(COMTRADE, "/public/v1/preview", b'{"statusCode": 500, "message": "Internal server error"}',
               status=500, reportercode="32")
    for _ in range(2):
        with pytest.raises(SourceNetworkError, match="500 Internal server error"):
            sources.comtrade.trade("ARG", "CHN", [2010])
    assert len(_comtrade_calls(replay, "32")) == 2          # asked again: a 5xx is no answer about the data
    with pytest.raises(SourceNetworkError, match="500"):    # the source is failing: not one side missing
        sources.trade_pair("CHN", "ARG", 2010, source="comtrade")
    with pytest.raises(SourceOfflineError):
        sources.comtrade.trade("ARG", "CHN", [2010], offline=True)


def test_comtrade_time_out_sinks_only_its_side_and_is_not_cached(replay):
    replay.add(COMTRADE, "/public/v1/preview", FIX / "comtrade_chn_2010.json", reportercode="156")
    replay.add(COMTRADE, "/public/v1/preview", _timed_out(COMTRADE), reportercode="32")
    for _ in range(2):
        with pytest.warns(SourceWarning, match=r"ARG's side is missing \(network failed .*Read timed out"):
            rows = sources.trade_pair("CHN", "ARG", 2010, source="comtrade")
        assert set(rows["statistics"]) == {"CHN"} and "timed out" in rows.attrs["missing"]["ARG"]
    assert len(_comtrade_calls(replay, "156")) == 1 and len(_comtrade_calls(replay, "32")) == 2
    with pytest.raises(SourceTimeoutError):
        sources.comtrade.trade("ARG", "CHN", [2010])


def test_comtrade_periods_without_data_leave_the_others_rows(replay):
    """Monthly 2010-2011 is two calls; the 2011 one is a 404: the 2010 rows are the answer (and cached)."""
    replay.add(COMTRADE, "/public/v1/preview/C/M/HS", FIX / "comtrade_404.json", status=404,
               period=",".join(f"2011{m:02d}" for m in range(1, 13)))
    replay.add(COMTRADE, "/public/v1/preview/C/M/HS", FIX / "comtrade_chn_2010.json")
    rows = sources.comtrade.trade("CHN", "ARG", [2010, 2011], freq="M")
    assert len(replay.requests) == 2 and len(rows) == 4
    sources.comtrade.trade("CHN", "ARG", [2010, 2011], freq="M", offline=True)


# ------------------------------------------------------------------------------------------------ IMF
def test_imf_through_sdmx1(replay):
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.XG_FOB_USD.G001.A", FIX / "imts_usa_xg_2023.xml",
               content_type="application/xml")
    rows = sources.imf.trade("USA", "WLD", 2023, 2024, indicators=["XG_FOB_USD"])
    url = urlsplit(replay.requests[0])
    assert parse_qs(url.query) == {"startPeriod": ["2023"], "endPeriod": ["2024"]}
    assert rows.query("partner == 'WLD' and period == '2023'")["value"].iloc[0] == 2019551635133.0
    assert set(rows["retrieved_at"].str[:2]) == {"20"}
    # cached: asked again offline, no request
    sources.imf.trade("USA", "WLD", 2023, 2024, indicators=["XG_FOB_USD"], offline=True)
    assert len(replay.requests) == 1


def test_imf_pair_asks_both_sides_and_a_missing_side_never_sinks_the_other(replay):
    """Issue 15: the IMF has no KAZ->USA series (404): USA's own rows come back, with a warning and
    ``attrs["missing"]`` naming KAZ's side and why; asked again offline, the same answer (the 404 too, from
    the cache) and no request."""
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/KAZ.", b"NoResultsFound", status=404, content_type="text/plain")
    with pytest.warns(SourceWarning, match=r"USA-KAZ: KAZ's side is missing \(query failed .*HTTP 404: NoResultsFound"
                                           r".*\); only USA's figures are returned") as caught:
        rows = sources.trade_pair("USA", "KAZ", 2023, 2024)
    assert [urlsplit(u).path.split("/")[-1] for u in replay.requests] == [
        "USA.XG_FOB_USD+MG_CIF_USD.KAZ.A", "KAZ.XG_FOB_USD+MG_CIF_USD.USA.A"]
    assert caught[0].filename == __file__            # the warning points at the caller's line
    assert len(rows) and set(rows["basis"]) == {"reporter"} and set(rows["statistics"]) == {"USA"}
    assert list(rows.attrs["missing"]) == ["KAZ"] and "HTTP 404" in rows.attrs["missing"]["KAZ"]
    with pytest.warns(SourceWarning, match=r"KAZ's side is missing .*HTTP 404: NoResultsFound.*\(cached answer of "):
        again = sources.trade_pair("USA", "KAZ", 2023, 2024, offline=True)
    assert len(replay.requests) == 2 and again["value"].tolist() == rows["value"].tolist()


def test_imf_pair_keeps_the_partners_mirrored_side_when_the_first_is_missing(replay):
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/G001.", b"NoResultsFound", status=404, content_type="text/plain")
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    with pytest.warns(SourceWarning, match=r"WLD's side is missing .*only USA's figures \(mirrored\) are returned"):
        rows = sources.imf.pair("WLD", "USA", 2023, 2024)
    assert set(rows["basis"]) == {"mirror"} and set(rows["reporter"]) == {"WLD"} and set(rows["partner"]) == {"USA"}
    assert rows.query("period == '2023'").set_index("indicator")["value"]["imports"] == 2019551635133.0


def test_imf_pair_with_neither_side_names_both_and_a_network_failure_still_raises(replay):
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/", b"NoResultsFound", status=404, content_type="text/plain")
    with pytest.raises(SourceQueryError, match=r"pair KAZ-SRB.*neither side answered: KAZ's side: .*HTTP 404"
                                               r".*; SRB's side: .*HTTP 404"):
        sources.trade_pair("KAZ", "SRB", 2022)
    replay.answers.clear()
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/SRB.", b"unavailable", status=503, content_type="text/plain")
    with pytest.raises(SourceNetworkError, match="HTTP 503"):   # the source is down: not one side missing
        sources.trade_pair("USA", "SRB", 2023, 2024)


def test_imf_pair_time_out_sinks_only_its_side_and_is_not_cached(replay):
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/KAZ.", _timed_out(IMF))
    for _ in range(2):
        with pytest.warns(SourceWarning, match=r"USA-KAZ: KAZ's side is missing \(network failed .*ReadTimeout"):
            rows = sources.trade_pair("USA", "KAZ", 2023, 2024)
        assert set(rows["statistics"]) == {"USA"} and list(rows.attrs["missing"]) == ["KAZ"]
    assert [urlsplit(u).path.split("/")[-1][:4] for u in replay.requests] == ["USA.", "KAZ.", "KAZ."]


@pytest.mark.parametrize("status, error", [(403, SourceKeyError), (503, SourceNetworkError), (400, SourceQueryError),
                                           (404, SourceNotFoundError), (504, SourceTimeoutError)])
def test_imf_http_failures_say_what_failed(replay, status, error):
    replay.add(IMF, "/", b"denied", status=status, content_type="text/plain")
    with pytest.raises(error, match=f"HTTP {status}"):
        sources.imf.trade("KAZ", "SRB", 2022, 2022)


def test_imf_no_network(replay):
    replay.add(IMF, "/", _refused(IMF))
    with pytest.raises(SourceNetworkError, match="ConnectionError"):
        sources.imf.trade("KAZ", "SRB", 2022, 2022)


# ---------------------------------------------------------------------------------------- World Bank
def test_worldbank_through_wbgapi(replay):
    replay.add(WB, "/v2/en/sources/2/series/PA.NUS.FCRF/country/KAZ;SRB/time/YR2022;YR2023;YR2024",
               FIX / "wb_fcrf_kaz_srb.json")
    replay.add(WB, "/v2/en/sources/2/series/NE.TRD.GNFS.ZS/", FIX / "wb_trade_gdp_2022.json")
    rates = sources.worldbank.indicator("exchange_rate", ["KAZ", "SRB"], 2022, 2024)
    assert rates.query("reporter == 'SRB' and period == '2023'")["value"].iloc[0] == 108.402691666667
    # the whole query is answered, as the API does: KAZ and SRB for 2022, 2023 and 2024
    assert sorted(zip(rates["reporter"], rates["period"])) == [(e, str(y)) for e in ("KAZ", "SRB") for y in (2022, 2023, 2024)]
    assert rates.set_index(["reporter", "period"])["value"].loc[[("KAZ", "2024"), ("SRB", "2024")]].tolist() == [
        468.9625, 108.207741666667]
    trade = sources.worldbank.indicator("trade_gdp", ["KAZ", "SRB", "WLD", "EUU"], 2022, 2022)
    countries, groups = sources.worldbank.split(trade)
    assert sorted(groups["reporter"]) == ["EUU", "WLD"] and sorted(countries["reporter"]) == ["KAZ", "SRB"]
    assert parse_qs(urlsplit(replay.requests[0]).query)["format"] == ["json"]


def test_worldbank_api_message_is_a_query_error(replay):
    replay.add(WB, "/v2/", FIX / "wb_invalid.json")
    with pytest.raises(SourceQueryError, match="Invalid value"):
        sources.worldbank.indicator("gdp", ["KAZ"], 2022, 2022)


def test_worldbank_no_network_then_offline_miss(replay):
    replay.add(WB, "/", _refused(WB))
    with pytest.raises(SourceNetworkError):
        sources.worldbank.indicator("gdp", ["KAZ"], 2022, 2022)
    with pytest.raises(SourceOfflineError):
        sources.worldbank.indicator("gdp", ["KAZ"], 2022, 2022, offline=True)


def test_import_loads_no_client_and_no_http_library():
    import subprocess
    import sys

    code = ("import sys, analysis.sources; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'comtradeapicall', 'sdmx', 'wbgapi', 'requests', 'urllib3', 'pandas'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_comtrade_monthly_asks_at_most_twelve_periods_a_call(replay):
    replay.add(COMTRADE, "/public/v1/preview/C/M/HS", FIX / "comtrade_empty.json")
    rows = sources.comtrade.trade("KAZ", "SRB", [2022, 2023], freq="M")
    periods = [parse_qs(urlsplit(u).query)["period"][0].split(",") for u in replay.requests]
    assert [len(p) for p in periods] == [12, 12] and periods[0][0] == "202201" and periods[1][-1] == "202312"
    assert rows.empty


def test_one_call_refreshes_a_pair_the_second_is_offline_and_reconcile_names_the_series(replay):
    """Issue 15: a user with internet refreshes a pair with one call; asked again (even offline) nothing is sent,
    and the answer is the official side of `reconcile`, naming the IMF series it compared with."""
    import analysis

    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/USA.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    replay.add(IMF, "/external/sdmx/2.1/data/IMTS/G001.", FIX / "imts_usa_xg_2023.xml", content_type="application/xml")
    live = sources.trade_pair("USA", "WLD", 2023, 2024)
    assert len(replay.requests) == 2
    again = sources.trade_pair("USA", "WLD", 2023, 2024, offline=True)
    assert len(replay.requests) == 2 and again.equals(live)
    news = analysis.extract("In 2023 the exports of the USA to the world amounted to 2.02 trillion US dollars.",
                            source="written for this test")
    hit = analysis.reconcile(news, sources.to_official(again)).query("claim == 'reported'").iloc[0]
    assert (hit.official_value, hit.official_series) == (2019551635133.0, "IMTS.USA.XG_FOB_USD.G001.A")
    refreshed = sources.trade_pair("USA", "WLD", 2023, 2024, refresh=True)
    assert len(replay.requests) == 4 and refreshed["value"].tolist() == live["value"].tolist()
