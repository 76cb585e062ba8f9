"""One fact, many outlets: `consolidate` merges copies of the same figure reported by several sources.

Two tidy rows state the same fact when they have the same indicator, reporter and partner (either order
for ``trade_turnover``), period and unit, and their values agree within the rounding both copies imply:
"53 million" allows 52.5–53.5 M, "52.9 million" 52.85–52.95 M, so they are one fact and it keeps 52.9 M.
A hedge ("almost", "about", "more than", or ``<``, ``~``, ``>`` in ``flags``) allows one more unit of the
last written digit on its side. Growth-only rows (no value, a multiplier) follow the same rule on the
multiplier. Readings of one key that do not agree stay separate rows, flagged ``conflict`` and tied by
their ``key_id``; mirror figures (A's exports to B beside B's imports from A) are never merged, only
linked by ``mirror_of``. Rows without a value, a reporter or a period cannot be compared: each stays a
fact of its own, with the reason in ``flags``.

>>> import pandas as pd
>>> rows = pd.DataFrame({
...     "source": ["wire", "daily", "weekly"], "published": ["2022-11-06", "2022-11-07", "2022-11-09"],
...     "indicator": "trade_turnover", "reporter": ["KAZ", "SRB", "KAZ"], "partner": ["SRB", "KAZ", "SRB"],
...     "period_start": "2022-01", "period_end": "2022-09", "value": [52.9e6, 53e6, 59.2e6], "unit": "USD",
...     "multiplier": float("nan"), "quote": ["52.9 million US dollars", "$53m", "$59.2 million"]})
>>> facts = consolidate(rows)
>>> facts[["value", "n_sources", "conflict"]].values.tolist()
[[52900000.0, 2, True], [59200000.0, 1, True]]
>>> describe_conflicts(facts).tolist()
['trade_turnover KAZ-SRB 2022-01..2022-09: 2 outlets say 52.9 M USD, 1 says 59.2 M USD']
"""
from __future__ import annotations

from .errors import SchemaError

# columns `consolidate` reads; the others of the tidy frame are optional
NEEDED = ("source", "published", "indicator", "reporter", "partner", "period_start", "period_end",
          "value", "unit", "multiplier", "quote")

FACT_COLUMNS: dict[str, str] = {
    "fact_id": "str",           # key_id + "." + the reading's number within its key
    "key_id": "str",            # shared by every reading of one indicator, pair, period, unit and measure
    "indicator": "str",
    "reporter": "str",          # as the most precise copy wrote them (turnover: either order)
    "partner": "str",
    "period_start": "str",
    "period_end": "str",
    "measure": "str",           # "level" (value) or "growth" (multiplier only)
    "value": "float64",         # the most precise copy's value; NaN for growth
    "unit": "str",
    "multiplier": "float64",    # growth facts: the most precise copy's; levels: the first copy that states one
    "compared_start": "str",
    "compared_end": "str",
    "precision": "float64",     # half a unit of the last digit of the kept copy
    "low": "float64",           # what every copy allows: the intersection of their intervals
    "high": "float64",
    "quote": "str",             # the kept copy's quote
    "n_sources": "int64",       # distinct sources (a source quoting it twice counts once)
    "n_rows": "int64",
    "sources": "str",           # JSON list of {"source", "published", "quote", "value", "row"}, by date
    "first_reported": "str",
    "last_reported": "str",
    "conflict": "bool",         # another reading of the same key disagrees beyond rounding
    "n_readings": "int64",      # readings (facts) sharing this key_id
    "mirror_of": "str",         # the best-sourced fact of the mirror key (exports <-> imports, balance flipped)
    "flags": "str",
}

_MIRROR = {"exports": "imports", "imports": "exports", "trade_balance": "trade_balance"}
_HEDGE_TOKENS = {"<": "<", ">": ">", "~": "~", "≈": "~"}
_NOT_COMPARED = ("", "no value to compare", "no period: not compared", "no reporter: not compared",
                 "no unit: not compared", "no indicator: not compared")


def consolidate(rows):
    """Tidy rows -> one row per fact (see the module docstring and FACT_COLUMNS). Never mutates `rows`.

    A ``precision`` column, when present, is used for the rows where it is set; otherwise the precision
    is read from each row's quote (``analysis.parse``; each distinct quote once) and, when the quote does
    not give the row's value, from the digits of the value itself.
    """
    import numpy as np
    import pandas as pd

    from .frames import empty_frame, require_columns

    if not isinstance(rows, pd.DataFrame):
        raise TypeError(f"consolidate() needs a DataFrame of tidy rows, not {type(rows).__name__}")
    require_columns(rows, NEEDED, "rows")
    n = len(rows)
    if n == 0:
        return empty_frame(FACT_COLUMNS)
    value, mult = _numeric(rows, "value"), _numeric(rows, "multiplier")
    pos = np.arange(n)

    def codes(column, sort=False):
        c, u = pd.factorize(rows[column], sort=sort) if column in rows.columns else (np.full(n, -1), pd.Index([]))
        return np.asarray(c, dtype="int64"), np.asarray(u, dtype=object)

    ind_c, ind_u = codes("indicator")
    pair_c, pair_u = pd.factorize(pd.concat([rows["reporter"], rows["partner"]], ignore_index=True))
    pair_u = np.asarray(pair_u, dtype=object)
    rep_c, par_c = np.asarray(pair_c[:n], dtype="int64"), np.asarray(pair_c[n:], dtype="int64")
    ps_c, ps_u = codes("period_start")
    pe_c, pe_u = codes("period_end")
    unit_c, unit_u = codes("unit")
    cs_c, cs_u = codes("compared_start")
    ce_c, ce_u = codes("compared_end")
    src_c, src_u = codes("source")
    pub_c, pub_u = codes("published", sort=True)
    quote_c, quote_u = codes("quote")

    prec_v, prec_m, bound_v, bound_m = _precisions(rows, quote_c, quote_u, value, mult)
    level = np.isfinite(value)
    growth = ~level & np.isfinite(mult)
    measure = np.where(level, value, mult)
    prec = np.where(level, prec_v, prec_m)
    prec = np.maximum(np.nan_to_num(prec, nan=0.0), 1e-12 * np.abs(np.nan_to_num(measure)) + 1e-300)
    bound = np.where(level, bound_v, bound_m)
    lo = measure - prec - np.where(np.isin(bound, ["<", "~"]), 2 * prec, 0.0)
    hi = measure + prec + np.where(np.isin(bound, [">", "~"]), 2 * prec, 0.0)

    # why a row cannot be compared (the first reason in _NOT_COMPARED that applies; 0 = it can)
    why = np.select([~(level | growth), (ps_c < 0) | (pe_c < 0), rep_c < 0, level & (unit_c < 0), ind_c < 0],
                    [1, 2, 3, 4, 5], 0)
    ok = why == 0

    # the key: turnover has no side, so its pair is put in one order
    turnover = (ind_c >= 0) & (np.asarray(ind_u == "trade_turnover", dtype=bool)[np.maximum(ind_c, 0)]
                                if len(ind_u) else False)
    a = np.where(turnover, np.minimum(rep_c, par_c), rep_c)
    b = np.where(turnover, np.maximum(rep_c, par_c), par_c)
    a = np.where(turnover & (par_c < 0), rep_c, a)
    b = np.where(turnover & (par_c < 0), par_c, b)
    g = _combine([ind_c, a, b, ps_c, pe_c, np.where(level, unit_c, -1), growth.astype("int64"),
                  np.where(growth, cs_c, -1), np.where(growth, ce_c, -1)])

    # clusters: within a key, by interval; each row that cannot be compared is a cluster of its own
    elig = pos[ok]
    order = elig[np.lexsort((hi[elig], lo[elig], g[elig]))]
    cid = np.empty(n, dtype="int64")
    cid[order] = _sweep(g[order].tolist(), lo[order].tolist(), hi[order].tolist())
    n_ok_clusters = int(cid[order[-1]]) + 1 if len(order) else 0
    cid[~ok] = n_ok_clusters + np.arange(int((~ok).sum()))
    k = n_ok_clusters + int((~ok).sum())

    # the kept copy: most precise, then the earliest published, then the first row
    pub_rank = np.where(pub_c < 0, len(pub_u), pub_c)
    by_prec = np.lexsort((pos, pub_rank, prec, cid))
    starts = np.flatnonzero(np.r_[True, cid[by_prec][1:] != cid[by_prec][:-1]])
    kept = by_prec[starts]
    n_rows = np.diff(np.r_[starts, n])
    low = np.maximum.reduceat(lo[by_prec], starts)
    high = np.minimum.reduceat(hi[by_prec], starts)
    first_pub = np.minimum.reduceat(pub_rank[by_prec], starts)
    last_pub = np.maximum.reduceat(pub_c[by_prec], starts)
    first_row = np.minimum.reduceat(by_prec, starts)
    m_sorted = mult[by_prec]
    level_mult = pd.Series(m_sorted).groupby(cid[by_prec], sort=True).first().to_numpy()
    m_spread = np.fmax.reduceat(m_sorted, starts) - np.fmin.reduceat(m_sorted, starts)
    m_slack = 2 * np.fmax.reduceat(np.nan_to_num(prec_m[by_prec], nan=0.0), starts)

    # distinct sources per cluster; a row without a source is a source of its own
    src_key = np.where(src_c < 0, len(src_u) + pos, src_c)
    by_src = np.lexsort((src_key, cid))
    new_src = np.r_[True, (cid[by_src][1:] != cid[by_src][:-1]) | (src_key[by_src][1:] != src_key[by_src][:-1])]
    n_sources = np.bincount(cid[by_src][new_src], minlength=k)

    groups_of = g[kept]
    readings = np.bincount(groups_of[ok[kept]], minlength=int(g.max()) + 1)
    n_readings = np.where(ok[kept], readings[groups_of], 1)
    first_cluster = np.full(len(readings), k)
    np.minimum.at(first_cluster, groups_of[ok[kept]], np.arange(k)[ok[kept]])
    ordinal = np.where(ok[kept], np.arange(k) - first_cluster[groups_of], 0)

    def text(u, c):
        return np.where(c >= 0, u[np.maximum(c, 0)] if len(u) else None, None)

    rep_k, par_k = text(pair_u, rep_c[kept]), text(pair_u, par_c[kept])
    ind_k = text(ind_u, ind_c[kept])
    key_a = np.where(turnover[kept], text(pair_u, a[kept]), rep_k)
    key_b = np.where(turnover[kept], text(pair_u, b[kept]), par_k)
    is_growth = growth[kept]
    keys = pd.DataFrame({
        "indicator": ind_k, "a": key_a, "b": key_b,
        "period_start": text(ps_u, ps_c[kept]), "period_end": text(pe_u, pe_c[kept]),
        "unit": np.where(is_growth, None, text(unit_u, unit_c[kept])),
        "measure": np.where(is_growth, "growth", "level"),
        "compared_start": np.where(is_growth, text(cs_u, cs_c[kept]), None),
        "compared_end": np.where(is_growth, text(ce_u, ce_c[kept]), None),
        "row": np.where(ok[kept], "", kept.astype(str).astype(object)),
    })
    key_hash = _hash(keys)
    key_id = _hex(key_hash)
    fact_id = key_id.astype(object) + "." + (ordinal + 1).astype(str).astype(object)

    flags_in = (rows["flags"].iloc[kept].fillna("").astype(str).to_numpy(dtype=object) if "flags" in rows.columns
                else np.full(k, "", dtype=object))
    notes = np.asarray(_NOT_COMPARED, dtype=object)[why[kept]]
    differ = ~is_growth & (m_spread > m_slack + 1e-9)
    notes[differ] = "copies state different growth"
    flags = np.array([f"{x}; {y}" if x and y else x or y for x, y in zip(notes.tolist(), flags_in.tolist())], dtype=object)

    facts = {
        "fact_id": fact_id, "key_id": key_id,
        "indicator": ind_k, "reporter": rep_k, "partner": par_k,
        "period_start": keys["period_start"].to_numpy(), "period_end": keys["period_end"].to_numpy(),
        "measure": np.where(is_growth, "growth", "level"),
        "value": value[kept], "unit": text(unit_u, unit_c[kept]),
        "multiplier": np.where(is_growth, mult[kept], level_mult),
        "compared_start": text(cs_u, cs_c[kept]), "compared_end": text(ce_u, ce_c[kept]),
        "precision": np.where(ok[kept] | np.isfinite(measure[kept]), prec[kept], np.nan),
        "low": np.where(ok[kept], low, np.nan), "high": np.where(ok[kept], high, np.nan),
        "quote": text(quote_u, quote_c[kept]),
        "n_sources": n_sources, "n_rows": n_rows,
        "sources": _sources_json(cid, pub_rank, src_c, src_u, pub_c, pub_u, quote_c, quote_u, measure, k),
        "first_reported": text(pub_u, np.where(first_pub >= len(pub_u), -1, first_pub)),
        "last_reported": text(pub_u, last_pub),
        "conflict": n_readings > 1, "n_readings": n_readings,
        "mirror_of": _mirrors(keys, key_hash, ok[kept], fact_id, n_sources, prec[kept]),
        "flags": flags,
    }
    first_seen = np.argsort(first_row, kind="stable")
    return validate_facts(_frame({c: np.asarray(v)[first_seen] for c, v in facts.items()}))


def fact_rows(rows):
    """The rows themselves, one per fact of `consolidate(rows)`: the copy each fact kept, with its own index
    and columns, plus the fact's ``fact_id``, ``key_id``, ``n_sources``, ``sources``, ``conflict`` and
    ``n_readings``. What charts and `reconcile` draw and check, so a figure from three outlets counts once."""
    import json

    facts = consolidate(rows)
    measure = facts["value"].where(facts["measure"] == "level", facts["multiplier"]).tolist()
    keep = []
    for m, quote, listed in zip(measure, facts["quote"].tolist(), facts["sources"].tolist()):
        copies = json.loads(listed)
        same = (c["row"] for c in copies if c["quote"] == (quote if isinstance(quote, str) else None)
                and c["value"] is not None and m == m and abs(c["value"] - m) <= 1e-9 * abs(m))
        keep.append(next(same, copies[0]["row"]))
    added = {c: facts[c].to_numpy() for c in ("fact_id", "key_id", "n_sources", "sources", "conflict", "n_readings")}
    return rows.iloc[keep].assign(**added)


# --------------------------------------------------------------------------------------------- helpers

def _numeric(rows, column):
    import numpy as np
    import pandas as pd

    s = rows[column]
    if pd.api.types.is_bool_dtype(s.dtype) or not (pd.api.types.is_numeric_dtype(s.dtype) or s.isna().all()):
        try:
            s = pd.to_numeric(s, errors="raise")
        except (ValueError, TypeError) as e:
            raise SchemaError(f"rows: column {column!r} should hold numbers but has dtype {s.dtype} ({e})") from None
    return np.asarray(s.to_numpy(dtype="float64", na_value=np.nan), dtype="float64")


def _combine(code_arrays):
    """Several code arrays (-1 = missing) -> one group code per row."""
    import numpy as np
    import pandas as pd

    g = np.zeros(len(code_arrays[0]), dtype="int64")
    for c in code_arrays:
        c = np.asarray(c, dtype="int64") + 1
        g = g * (int(c.max()) + 1 if len(c) else 1) + c
        g = np.asarray(pd.factorize(g)[0], dtype="int64")  # keeps the product small
    return g


def _sweep(groups: list, lows: list, highs: list) -> list:
    """Cluster ids for intervals sorted by (group, low): a copy joins while it overlaps every member.

    Keeping the running intersection (not a chain of overlaps) means "53 M" cannot join 52.9 M and 53.4 M
    into one fact. Touching is not overlapping: 52.9 (52.85–52.95) and 53.0 (52.95–53.05) are two readings.

    >>> _sweep([0, 0, 0, 1], [52.5, 52.85, 53.35, 1.0], [53.5, 52.95, 53.45, 2.0])
    [0, 0, 1, 2]
    """
    out = []
    c, prev, top, bottom = -1, None, 0.0, 0.0
    for gi, low, high in zip(groups, lows, highs):
        if gi != prev or low >= top - 1e-6 * min(high - low, top - bottom):
            c, prev, top = c + 1, gi, high
        elif high < top:
            top = high
        bottom = low
        out.append(c)
    return out


def _half_unit(a):
    """Half a unit of the last significant digit, read at the scale word (k, million, billion, trillion).

    >>> _half_unit(__import__("numpy").array([52.9e6, 53e6, 24e9, 1.25, 300.0])).tolist()
    [50000.0, 500000.0, 500000000.0, 0.005, 0.5]
    """
    import numpy as np

    a = np.abs(np.asarray(a, dtype="float64"))
    scale = np.select([a >= 1e12, a >= 1e9, a >= 1e6, a >= 1e3], [1e12, 1e9, 1e6, 1e3], 1.0)
    x = a / scale
    half = 0.5e-6 * scale
    done = ~np.isfinite(a)
    for d in range(7):
        hit = ~done & (np.abs(np.round(x, d) - x) <= 1e-9 * np.maximum(1.0, x))
        half = np.where(hit, 0.5 * 10.0 ** -d * scale, half)
        done |= hit
    return np.where(np.isfinite(a), half, np.nan)


def _ratio_half_unit(m):
    """Rounding of a multiplier written either as a percentage ("+25%") or as times ("3.7 times"); the looser."""
    import numpy as np

    m = np.asarray(m, dtype="float64")
    as_percent = _half_unit((m - 1.0) * 100.0) / 100.0
    with np.errstate(divide="ignore", invalid="ignore"):
        inverse = np.where(m > 0, 1.0 / m, np.nan)
        down = _half_unit(inverse) * m * m  # "down 1.5 times": the digits are those of 1/m
    as_times = np.where(m >= 1.0, _half_unit(m), down)
    return np.fmax(as_percent, as_times)


def _read_quote(quote: str, lang) -> tuple:
    """(value, multiplier, precision, bound, is_ratio) of the figure a quote writes; NaNs when it is not one."""
    from .reading.figures import parse

    nan = float("nan")
    for language in ((lang, None) if isinstance(lang, str) and lang else (None,)):
        try:
            f = parse(quote, language)
        except Exception:  # a quote that is not exactly one figure: fall back on the value's digits
            continue
        return (f.value, f.multiplier, f.precision, f.bound, f.kind == "ratio")
    return (nan, nan, nan, "", False)


def _precisions(rows, quote_c, quote_u, value, mult):
    """Per row: precision of the value and of the multiplier, and the hedge of each ('<', '>', '~' or '')."""
    import numpy as np
    import pandas as pd

    n = len(rows)
    if "lang" in rows.columns:
        lang_c, lang_u = pd.factorize(rows["lang"])
        lang_u = list(lang_u)
    else:
        lang_c, lang_u = np.full(n, -1), []
    both = np.asarray(quote_c, dtype="int64") * (len(lang_u) + 1) + (np.asarray(lang_c) + 1)
    pair_c, pair_u = pd.factorize(both)
    table = []
    for p in pair_u:
        q, l = divmod(int(p), len(lang_u) + 1)
        table.append(_read_quote(quote_u[q], lang_u[l - 1] if l else None) if q >= 0 else
                     (np.nan, np.nan, np.nan, "", False))
    cols = list(zip(*table)) if table else [[], [], [], [], []]
    take = np.asarray(pair_c)
    q_value = np.asarray(cols[0], dtype="float64")[take]
    q_mult = np.asarray(cols[1], dtype="float64")[take]
    q_prec = np.asarray(cols[2], dtype="float64")[take]
    q_bound = np.asarray(cols[3], dtype=object)[take]
    q_ratio = np.asarray(cols[4], dtype=bool)[take]

    # the quote speaks for the row only when it writes the row's own number (a deficit may drop the sign)
    tol = 1e-9 * np.maximum(1.0, np.abs(np.nan_to_num(value)))
    says_value = ~q_ratio & (np.abs(np.abs(q_value) - np.abs(value)) <= tol)
    says_mult = q_ratio & (np.abs(q_mult - mult) <= 1e-9)
    prec_v = np.where(says_value, q_prec, _half_unit(value))
    prec_m = np.where(says_mult, q_prec, _ratio_half_unit(mult))
    if "precision" in rows.columns:
        given = _numeric(rows, "precision")
        use = np.isfinite(given)
        prec_v = np.where(use & np.isfinite(value), np.abs(given), prec_v)
        prec_m = np.where(use & ~np.isfinite(value), np.abs(given), prec_m)
    bound_v = np.where(says_value, q_bound, "").astype(object)
    bound_m = np.where(says_mult, q_bound, "").astype(object)
    if "flags" in rows.columns:
        fc, fu = pd.factorize(rows["flags"])
        hedges = [next((_HEDGE_TOKENS[t.strip()] for t in str(f).split(";") if t.strip() in _HEDGE_TOKENS), "")
                  for f in fu]
        flag_bound = np.asarray(hedges + [""], dtype=object)[np.asarray(fc)]
        bound_v = np.where(bound_v == "", flag_bound, bound_v)
        bound_m = np.where(bound_m == "", flag_bound, bound_m)
    return prec_v, prec_m, bound_v.astype(str), bound_m.astype(str)


def _hash(keys):
    """A stable 64-bit hash per key row (pandas' fixed-key hash of the key's text)."""
    import pandas as pd

    text = keys.astype(object).where(keys.notna(), "").astype(str)
    return pd.util.hash_pandas_object(text, index=False).to_numpy(dtype="uint64")


def _hex(hashes):
    import numpy as np

    return np.array([f"{x:016x}" for x in hashes.tolist()], dtype=object)


def _sources_json(cid, pub_rank, src_c, src_u, pub_c, pub_u, quote_c, quote_u, measure, k):
    """Per cluster, the JSON list of its copies ordered by date then row."""
    import json

    import numpy as np

    def enc(u):
        return [json.dumps(x, ensure_ascii=False) for x in u] + ["null"]

    es, ep, eq = enc(src_u), enc(pub_u), enc(quote_u)
    order = np.lexsort((np.arange(len(cid)), pub_rank, cid))
    starts = np.flatnonzero(np.r_[True, cid[order][1:] != cid[order][:-1]]).tolist() + [len(cid)]
    vals = measure[order]
    frag = [f'{{"source":{es[s]},"published":{ep[p]},"quote":{eq[q]},"value":{v if v == v else "null"},"row":{r}}}'
            for s, p, q, v, r in zip(src_c[order].tolist(), pub_c[order].tolist(), quote_c[order].tolist(),
                                     vals.tolist(), order.tolist())]
    return np.array(["[" + ",".join(frag[s:e]) + "]" for s, e in zip(starts[:-1], starts[1:])], dtype=object)


def _frame(data: dict):
    import numpy as np
    import pandas as pd

    cols = {}
    for c, dtype in FACT_COLUMNS.items():
        v = data[c]
        if dtype == "str":
            cols[c] = pd.array(np.asarray(v, dtype=object), dtype="str")
        else:
            cols[c] = np.asarray(v, dtype=dtype)
    return pd.DataFrame(cols, copy=False)


def _mirrors(keys, key_hash, comparable, fact_id, n_sources, precision):
    """Per fact, the fact id of the mirror key's best-sourced reading (most sources, then most precise)."""
    import numpy as np
    import pandas as pd

    found = np.full(len(keys), None, dtype=object)
    mirror_ind = keys["indicator"].map(_MIRROR)
    has = comparable & mirror_ind.notna().to_numpy()
    if not has.any():
        return found
    flipped = _hash(keys.assign(indicator=mirror_ind, a=keys["b"], b=keys["a"]))
    idx = np.flatnonzero(comparable)
    best = idx[np.lexsort((idx, precision[idx], -n_sources[idx], key_hash[idx]))]
    best = best[np.r_[True, key_hash[best][1:] != key_hash[best][:-1]]]  # the first of each key
    at = pd.Index(key_hash[best]).get_indexer(flipped)
    hit = has & (at >= 0) & (flipped != key_hash)
    found[hit] = fact_id[best[at[hit]]]
    return found


def validate_facts(facts):
    """Check a facts frame against FACT_COLUMNS; return it unchanged or raise SchemaError naming the problem."""
    import pandas as pd

    from .frames import require_columns

    require_columns(facts, FACT_COLUMNS, "facts frame")
    problems = []
    for col, dtype in FACT_COLUMNS.items():
        s = facts[col]
        fine = {"str": pd.api.types.is_string_dtype, "float64": pd.api.types.is_float_dtype,
                "int64": pd.api.types.is_integer_dtype, "bool": pd.api.types.is_bool_dtype}[dtype](s.dtype)
        if not fine:
            problems.append(f"column {col!r} should be {dtype} but has dtype {s.dtype}")
    if not problems:
        if facts["fact_id"].duplicated().any():
            problems.append(f"column 'fact_id' repeats {facts['fact_id'][facts['fact_id'].duplicated()].head(3).tolist()}")
        if (facts["n_sources"] < 1).any() or (facts["n_rows"] < facts["n_sources"]).any():
            problems.append("column 'n_sources' is below 1 or above 'n_rows'")
        if (facts["low"] > facts["high"]).any():
            problems.append("column 'low' is above 'high'")
    if problems:
        raise SchemaError("facts frame is invalid: " + "; ".join(problems))
    return facts


# ------------------------------------------------------------------------------------------- reading

def _short(value: float, precision: float, unit) -> str:
    """A value with the digits its precision allows: 52.9 M USD, 53 M USD; growth as +25.0% or x3.7.

    >>> _short(52.9e6, 5e4, "USD"), _short(53e6, 5e5, "USD"), _short(1.25, 0.0005, None), _short(3.7, 0.05, None)
    ('52.9 M USD', '53 M USD', '+25.0%', 'x3.7')
    """
    import math

    def digits(step):
        return max(0, min(3, math.ceil(-math.log10(step) - 1e-9))) if step > 0 else 2

    if not isinstance(unit, str):
        if 0 < value < 2:
            return f"{(value - 1) * 100:+.{digits(200 * precision)}f}%"
        return f"x{value:.{digits(2 * precision)}f}"
    a = abs(value)
    scale, word = next(((s, w) for s, w in ((1e12, "tn"), (1e9, "bn"), (1e6, "M"), (1e3, "k")) if a >= s), (1.0, ""))
    number = f"{value / scale:,.{digits(2 * precision / scale)}f}"
    return " ".join(p for p in (number, word, unit) if p)


def describe_conflicts(facts):
    """One sentence per conflicting key: "trade_turnover KAZ-SRB 2022-01..2022-09: 3 outlets say 52.9 M USD,
    1 says 59.2 M USD" (readings by number of sources). A Series indexed by key_id."""
    import pandas as pd

    require = [c for c in ("key_id", "conflict", "value", "multiplier", "precision", "unit", "n_sources",
                           "indicator", "reporter", "partner", "period_start", "period_end", "measure")]
    from .frames import require_columns

    require_columns(facts, require, "facts frame")
    out = {}
    hit = facts[facts["conflict"].astype(bool)]
    for key, group in hit.groupby("key_id", sort=False):
        group = group.sort_values(["n_sources", "precision"], ascending=[False, True], kind="stable")
        said = []
        for i, r in enumerate(group.itertuples(index=False)):
            level = r.measure == "level"
            shown = _short(r.value if level else r.multiplier, r.precision, r.unit if level else None)
            who = f"{r.n_sources} outlet{'s' if r.n_sources != 1 else ''} say{'' if r.n_sources != 1 else 's'}"
            if i:
                who = f"{r.n_sources} say{'' if r.n_sources != 1 else 's'}"
            said.append(f"{who} {shown}")
        r0 = group.iloc[0]
        pair = "-".join(str(x) for x in (r0["reporter"], r0["partner"]) if isinstance(x, str))
        out[key] = f"{r0['indicator']} {pair} {r0['period_start']}..{r0['period_end']}: " + ", ".join(said)
    return pd.Series(out, dtype="str", name="conflict")


def sources_table(facts):
    """Who reported what: one row per copy (fact_id, key_id, conflict, source, published, quote, value, row)."""
    import json

    from .frames import require_columns, to_frame

    require_columns(facts, ["fact_id", "key_id", "conflict", "sources"], "facts frame")
    records = [dict(fact_id=f, key_id=k, conflict=bool(c), **item)
               for f, k, c, s in zip(facts["fact_id"], facts["key_id"], facts["conflict"], facts["sources"])
               for item in json.loads(s)]
    columns = {"fact_id": "str", "key_id": "str", "conflict": "bool", "source": "str", "published": "str",
               "quote": "str", "value": "float64", "row": "int64"}
    return to_frame(records, columns)
