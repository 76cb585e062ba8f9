"""The one pint registry of the package: currencies as dimensions, scale words as numbers, FX as contexts.

The registry is built lazily, once, from ``analysis/rules/units.txt`` plus one dimension for each
currency code in ``analysis/rules/currencies.tsv``. It defines no SI prefixes, so ``"mUSD"`` is an
error, never a milli-dollar; and it defines each currency as its own dimension, so USD and EUR never
add up by accident:

>>> q = quantity(52.9, "million USD")
>>> q.to("USD").magnitude
52900000.0
>>> quantity(1, "USD") + quantity(1, "EUR")
Traceback (most recent call last):
...
pint.errors.DimensionalityError: Cannot convert from 'USD' ([currency_USD]) to 'EUR' ([currency_EUR])

Exchange rates are pint Contexts, one per rate table (and period): see `fx_context`.
Nothing here is imported by ``import analysis``; pint loads on the first call.
"""
from __future__ import annotations

import re
import threading
from importlib import resources
from typing import Mapping

_LOCK = threading.Lock()
_REGISTRY = None
_CODE = re.compile(r"[A-Z]{3}")


def _rules_text(name: str) -> str | None:
    path = resources.files("analysis") / "rules" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def registry_currencies() -> tuple[str, ...]:
    """Every currency the registry knows: the fallback list in units.txt plus the codes of currencies.tsv."""
    reg = registry()
    return tuple(sorted(k[len("[currency_"):-1] for k in reg._dimensions if k.startswith("[currency_")))


def _tsv_codes() -> list[str]:
    from .rules import country_currency, currency_name_table, currency_table, local_currency_table

    codes = [row["code"].strip() for row in currency_table()]
    codes += [c for row in (*local_currency_table(), *currency_name_table()) for c in row["candidates"].split()]
    codes += list(country_currency().values())
    return [c for c in codes if _CODE.fullmatch(c)]


def _build():
    import pint

    definitions = _rules_text("units.txt")
    if definitions is None:  # pragma: no cover - a broken install
        raise FileNotFoundError("analysis/rules/units.txt is missing from the installed package")
    lines = definitions.splitlines()
    defined = {m.group(1) for m in (re.match(r"\s*([A-Z]{3})\s*=", ln) for ln in lines) if m}
    extra = [f"{c} = [currency_{c}]" for c in dict.fromkeys(_tsv_codes()) if c not in defined]
    reg = pint.UnitRegistry(None, autoconvert_offset_to_baseunit=False)
    reg.load_definitions(lines + extra)
    reg.formatter.default_format = "~"
    return reg


def registry():
    """The package's pint UnitRegistry, built on first use and shared afterwards."""
    global _REGISTRY
    if _REGISTRY is None:
        with _LOCK:
            if _REGISTRY is None:
                _REGISTRY = _build()
    return _REGISTRY


def quantity(value, unit: str):
    """A pint Quantity in the package registry: ``quantity(52.9, "million USD")``.

    ``unit`` is a unit expression of the registry: an ISO 4217 code, ``count``, ``percent``, optionally
    with scale words (``"billion KZT"``). Unknown units raise pint's UndefinedUnitError.
    """
    reg = registry()
    return reg.Quantity(value, reg.parse_units(unit) if isinstance(unit, str) else unit)


def is_currency(unit) -> bool:
    """True if ``unit`` (a string) is a currency code the registry knows."""
    if not isinstance(unit, str) or not _CODE.fullmatch(unit):
        return False
    return f"[currency_{unit}]" in registry()._dimensions


def fx_context(per_usd: Mapping[str, float], name: str, *, base: str = "USD"):
    """A pint Context converting between currencies with one rate table.

    ``per_usd`` maps a currency code to units of that currency per one ``base`` unit (the usual
    "KZT per USD" quotation, e.g. ``{"KZT": 460.165, "EUR": 0.9496}``). The context links every
    currency to ``base`` both ways; pint chains them, so KZT -> EUR goes through USD. The context is
    added to the registry under ``name`` (a name used twice must hold the same rates).

    >>> ctx = fx_context({"KZT": 460.165}, "doc-2022")
    >>> round(quantity(460.165, "KZT").to("USD", ctx).magnitude, 6)
    1.0
    """
    import pint

    reg = registry()
    key = (name, base, tuple(sorted((k, float(v)) for k, v in per_usd.items())))
    cache = reg.__dict__.setdefault("_analysis_fx_contexts", {})
    if name in cache:
        old_key, ctx = cache[name]
        if old_key != key:
            raise ValueError(f"FX context {name!r} already exists with other rates")
        return ctx
    ctx = pint.Context(name)
    base_dim = f"[currency_{base}]"
    for code, rate in per_usd.items():
        rate = float(rate)
        if code == base:
            continue
        if not rate > 0:
            raise ValueError(f"rate for {code} in {name!r} must be positive, got {rate!r}")
        dim = f"[currency_{code}]"
        if dim not in reg._dimensions:
            raise ValueError(f"{code!r} is not a currency of the registry")
        ctx.add_transformation(dim, base_dim, lambda r, x, k=rate, c=code: x.to(c).magnitude / k * r.Unit(base))
        ctx.add_transformation(base_dim, dim, lambda r, x, k=rate, c=code: x.to(base).magnitude * k * r.Unit(c))
    reg.add_context(ctx)
    cache[name] = (key, ctx)
    return ctx


def convert(value, unit: str, target: str, context=None) -> float:
    """Magnitude of ``value`` ``unit`` expressed in ``target``, through ``context`` when given."""
    q = quantity(value, unit)
    q = q.to(target, context) if context is not None else q.to(target)
    return float(q.magnitude)


def use_with_pint_pandas():
    """Opt-in: make pint-pandas use this registry (``pint[USD]`` columns). Returns the registry."""
    import pint
    import pint_pandas

    reg = registry()
    pint_pandas.PintType.ureg = reg
    pint.set_application_registry(reg)
    return reg
