"""Lists in a sentence: "respectively" alignment and partners each labelled with its figure: "the United States (7.4%), Germany (7.4%) and Japan
(5.6%) ... South Africa exported to", "followed by India with 4.2 billion riyals, then South Korea with
3.9 billion". A part of `statements._Document`."""
from __future__ import annotations

from dataclasses import replace

from ..reading.figures import UNIT_SHARED, Figure
from .model import _Row


def _give_labels(levels: list[_Row], labels: dict, reporter: str | None, why: str) -> None:
    """Each labelled row's partner is its label; the reporter is the list's holder (`why` says where it came from)."""
    for r in levels:
        m = labels.get(id(r))
        if m is not None:
            r.reporter, r.partner = reporter, m.iso3
            r.why.update(reporter=why, partner="label")


class ListReading:
    """Methods of `_Document` that read a sentence's lists: labelled partners, "respectively" lists."""

    def _list_role(self, a: int, b: int) -> str | None:
        """The flow a list of partners holds, from the noun that names them before it: trading partners (turnover),
        buyers and destinations (exports), suppliers (imports); rules `list_partners`, `list_buyers`, `list_suppliers`."""
        cache = self.__dict__.setdefault("_list_role_cache", {})   # asked for every percent of a sentence
        if (a, b) not in cache:
            found = [(m.start(), name) for name, pattern in self.w["list_role"].items() for m in pattern.finditer(self.folded, a, b)]
            cache[(a, b)] = max(found)[1] if found else None
        return cache[(a, b)]

    def _ranked(self, m) -> bool:
        """"Singapore topped the list of investors", "Germany was the top destination": a partner, first of a ranking."""
        return bool(self.w["partner_predicate_after"].match(self.folded, m.end))

    def _indicator_hits_beside_list(self, a: int, b: int) -> bool:
        """Whether the sentence names an indicator outside its list noun ("trading partners that contributed the
        deepest deficits": the deficits say what the amounts are)."""
        nouns = [m.span() for pattern in self.w["list_role"].values() for m in pattern.finditer(self.folded, a, b)]
        return any(not any(s < e2 and s2 < e for s2, e2 in nouns) for s, e, _ in self._indicator_hits(a, b))

    def _labelled_list(self, rows: list[_Row], a: int, b: int, ctx: dict) -> None:
        """Each figure written right after a country ("Germany (7.4%)", "India with $4.2 billion",
        "with Ukraine - 51.4%") is that country's; when two or more countries label figures and the sentence
        names another one (the holder: "South Africa exported to", "the exports of Qatar"), the labels
        are partners and the holder reports. Without a holder nothing changes: the labels may be traders."""
        t, w = self.folded, self.w
        gap, twin = w["label_gap"], w["twin_gap"]
        named = [m for m in self._countries_in(a, b) if m.iso3]
        role_noun = self._list_role(a, b)
        if len(named) < (1 if role_noun else 3):
            return
        levels = sorted((r for r in rows if r.role == "level" and r.figure.kind in ("money", "percent", "count")),
                        key=lambda r: r.figure.span[0])
        labels: dict[int, object] = {}
        previous = None
        for r in levels:
            start = r.figure.span[0]
            before = [m for m in named if m.end <= start]
            if before and gap.fullmatch(t, before[-1].end, start):
                labels[id(r)] = before[-1]
            elif previous is not None and id(previous) in labels and twin.match(t[previous.figure.span[1]:start]):
                labels[id(r)] = labels[id(previous)]   # "$4.2 billion, or 11 percent": the same partner's share
            previous = r
        listed = {m.iso3 for m in labels.values()}
        role = {id(m): role for m, role in self._roles(a, b)}
        # "в Латвии дефицит ... в Литве - 1,2 млрд": places that host the figure are its reporters, not partners
        if len(listed) < (1 if role_noun else 2) or any(role.get(id(m)) in ("host", "owner", "agency") for m in labels.values()):
            return
        # "Exports to Russia amounted to $652 million, to China - $620 million": an unlabelled partner is no holder
        # the owner of the first share of the list ("На долю Китая пришлось 22%, России — 19%") is one of the partners
        others = [m for m in named if m.iso3 not in listed and not self._owns_share(m) and not self._ranked(m)]
        holders = [m for m in others if role.get(id(m)) not in ("dest", "origin", "with", "pair_and")]
        # "the exports of Qatar", "Turkish exports": whose list it is
        owners = [m for m, role in self._roles(a, b) if role in ("owner", "adj_flow") and m.iso3 and m.iso3 not in listed]
        holder = (owners or holders or [None])[0]
        if len(listed) == 1 and holder is not None and role.get(id(holder)) == "plain":
            return   # "Italy remained the largest buyer ..., followed by China at 12.5 percent": a ranking, not a holder's list
        first_label = min(m.start for m in labels.values())
        # "Основная часть товарооборота пришлась на Россию (2,2 млрд), Китай (0,8 млрд) и Узбекистан (0,3 млрд)": a list
        # with no other country in its sentence lists the partners of the country the text is about
        if holder is None and (role_noun or not others) and ctx["reporter"] not in (None, *listed):
            # "Kazakhstan's exports ... The main buyers were China (...) and Russia (...)"
            _give_labels(levels, labels, ctx["reporter"], "context")
            return
        if holder is None:
            # "Top export destinations in 2022: the US ($44.6bn), China ($20.3bn)": partners of a trader not named here
            if w["partner_list"].search(t, a, first_label):
                _give_labels(levels, labels, None, "none")
            return
        # "Germany was the largest exporter to China (€107 billion), followed by France (€24 billion)": a list
        # continuing a ranking whose first label is the destination (or origin) names traders, not partners
        follow = w["list_follow"].search(t, a, b)
        side = next((m for m in labels.values() if role.get(id(m)) in ("dest", "origin")), None)
        # ("Oman's exports went mostly to China ..., followed by India": the owner's destinations go on)
        if follow is not None and side is not None and role.get(id(holder)) == "plain" and holder.start < side.start < follow.start():
            for r in levels:
                m = labels.get(id(r))
                if m is not None:
                    r.reporter, r.partner = (holder.iso3 if m is side else m.iso3), side.iso3
                    r.why.update(reporter="ranking", partner="ranking")
            return
        # the list's head, named before it without a label: "China topped the destinations of the exports of
        # Qatar, with 8.4 billion riyals, followed by India with 4.2 billion"
        head = next((m for m in named if m.iso3 not in listed and m.iso3 != holder.iso3 and m.start < first_label), None)
        for r in levels:
            m = labels.get(id(r))
            if m is None and head is not None and head.end <= r.figure.span[0] < first_label:
                m = head
            if m is not None:
                r.reporter, r.partner = holder.iso3, m.iso3
                r.why.update(reporter="holder", partner="label")
        # one period for the whole list: "Uganda (12.1%), Pakistan (9.8%) and the Netherlands (7.6%) in 2022"
        dated = [r for r in levels if id(r) in labels and r.period is not None]
        for r in levels:
            if id(r) in labels and r.period is None and dated:
                r.period = dated[0].period
                r.why["period"] = "list"

    def _labelled_part(self, rows: list[_Row], a: int, b: int) -> None:
        """"exports rose to 30 billion dollars, with China the leader at 8 billion" / "при этом лидером стал Китай с
        8 млрд": a country labelling a later amount of the same flow is that flow's partner, not a new trader."""
        for r in rows:
            if r.role != "level" or r.figure.kind != "money":
                continue
            label = self._label_of(r.figure, a)
            if label is None or not label.iso3:
                continue
            whole = next((o for o in rows if o is not r and o.role == "level" and o.figure.span[1] <= label.start
                          and o.indicator == r.indicator and o.reporter not in (None, label.iso3)
                          and o.partner in (None, "WLD")), None)
            role = next((x for m, x in self._roles(a, b) if m is label), None)
            # "в Латвии дефицит ... в Литве - 1,2 млрд": a place hosting the amount reports it
            if whole is not None and r.reporter == label.iso3 and role not in ("host", "owner", "agency"):
                r.reporter, r.partner = whole.reporter, label.iso3
                r.why.update(reporter="whole", partner="label")

    def _label_of(self, f: Figure, floor: int = 0):
        """The country written right before an amount that labels it ("Germany (7.4%)", "Россия с 500 млн",
        rules label_gap), or None."""
        named = self._countries_in(max(floor, f.span[0] - 40), f.span[0])
        if named and self.w["label_gap"].fullmatch(self.folded, named[-1].end, f.span[0]):
            return named[-1]
        return None

    def _parallel_changes(self, figs: list[Figure], a: int, b: int) -> list[Figure]:
        """"Trade with A climbed 5.3%, and with B and C came in at 5.2 percent and 11 percent, respectively":
        bare percents listed after a change, in a 'respectively' sentence, are changes of the same kind."""
        if not self.w["respectively"].search(self.folded, a, b):
            return figs
        first = next((f for f in figs if f.kind == "ratio" and (self.w["percent_end"].search(f.raw.rstrip()) or UNIT_SHARED in f.note)), None)
        if first is None:
            return figs
        out = []
        for f in figs:
            if f.kind == "percent" and f.span[0] > first.span[1] and "percentage points" not in f.note and not self._share_before(f):
                ratio = 1 + f.value / 100 if first.multiplier >= 1 else 1 - f.value / 100
                f = replace(f, kind="ratio", unit="ratio", value=ratio, multiplier=ratio, precision=f.precision / 100,
                            direction=first.direction)
            out.append(f)
        return out

    def _share_before(self, f: Figure) -> bool:
        return bool(self.w["share"].search(self.folded, max(0, f.span[0] - 40), f.span[1] + 25))

    def _respectively(self, rows: list[_Row], a: int, b: int, ctx: dict) -> None:
        """"exports to Russia and China ... 0.83 billion and 0.27 billion respectively"."""
        t = self.folded
        if not self.w["respectively"].search(t[a:b]):
            self._paired_flows(rows, a)
            return
        changes = [r for r in rows if r.role == "growth"]
        mentions = self._countries_in(a, b)
        if len(changes) >= 2:
            # partners named in a list before the listed changes, groups included ("the US and ASEAN")
            first_change = changes[1].figure.span[0]
            listed = [m for m in mentions if m.start < first_change and m.start > changes[0].figure.span[1]]
            ahead = [m for m in mentions if m.end <= changes[0].figure.span[0]]
            if len(listed) >= len(changes) - 1:
                for r, m in zip(changes[1:], listed[-(len(changes) - 1):]):
                    r.partner = m.iso3
            elif (len(ahead) >= len(changes) and len({m.iso3 for m in ahead[-len(changes):]}) == len(changes)
                  and all(self.w["list_join"].fullmatch(t, x.end, y.start) for x, y in zip(ahead[-len(changes):], ahead[-len(changes) + 1:]))):
                # "exports to China and Russia grew by 12% and 8%, respectively": the names listed before
                for r, m in zip(changes, ahead[-len(changes):]):
                    r.partner = m.iso3
        # "exports and imports rose 12 and 8% respectively": the changes follow the flows too
        if len(changes) >= 2:
            # the flows named since the last amount before the changes ("..., with both exports and imports rising")
            since = max([a] + [r.figure.span[1] for r in rows if r.role != "growth" and r.figure.span[1] <= changes[0].figure.span[0]])
            flows = self._flows_listed(since, changes[0].figure.span[0]) or self._flows_listed(a, changes[0].figure.span[0])
            if len(flows) == len(changes):
                for r, name in zip(changes, flows):
                    r.indicator = name
        levels = [r for r in rows if r.role == "level" and r.figure.kind in ("money", "number")]
        # "South Korea and Japan followed with 10 percent and 9.9 percent respectively": shares listed the same way
        shares = [r for r in rows if r.role == "level" and r.figure.kind == "percent"]
        listed_shares = len(levels) < 2 and len(shares) >= 2
        if listed_shares:
            levels = self._respective_run(shares)
        names = [m for m in mentions if m.iso3]
        first = levels[0].figure.span[0] if levels else b
        # "exports and imports reached $84.4 billion and $50.7 billion respectively": flows listed in order
        flows = self._flows_listed(a, first)
        if len(levels) >= 2 and len(flows) == len(levels):
            for r, name in zip(levels, flows):
                r.indicator = name
        # the listed names, not the list's owner ("China, the US and India were Vietnam's top markets")
        role = {id(m): role for m, role in self._roles(a, b)}
        before = [m for m in names if m.start < first and role.get(id(m)) not in ("owner", "agency")]
        if len(levels) >= 2 and len(before) >= len(levels):
            pick = before[-len(levels):]
            listed = {x.iso3 for x in pick}
            other = [x.iso3 for x in names if x.iso3 not in listed]
            for r, m in zip(levels, pick):
                if r.partner in listed or r.partner in (None, "WLD") or listed_shares:
                    r.partner = m.iso3
                if r.reporter in listed:
                    # "... were its key trading partners with ..., respectively": the text's country holds the list
                    r.reporter = other[0] if other else (ctx["reporter"] if ctx["reporter"] not in listed else None)
        # a bare number before "and X billion euros" takes that currency
        for i, r in enumerate(levels[:-1]):
            if r.figure.kind == "number" and levels[i + 1].figure.kind == "money":
                r.figure = replace(r.figure, unit=levels[i + 1].figure.unit, kind="money")

    def _respective_run(self, rows: list[_Row]) -> list[_Row]:
        """The last run of figures joined only by list words ("10 percent and 9.9 percent"): the list that
        "respectively" aligns."""
        run: list[_Row] = []
        for r in sorted(rows, key=lambda r: r.figure.span[0]):
            if run and self.w["list_join"].fullmatch(self.folded, run[-1].figure.span[1], r.figure.span[0]):
                run.append(r)
            else:
                run = [r]
        return run if len(run) >= 2 else []

    def _paired_flows(self, rows: list[_Row], a: int) -> None:
        """"Exports and imports grew by 5% and 3%", "экспорт и импорт составили 5 и 3 млрд": two flows joined together
        and as many figures joined right after them go in order, as with "respectively"."""
        t, join = self.folded, self.w["list_join"]
        for group in ([r for r in rows if r.role == "growth"], [r for r in rows if r.role == "level" and r.figure.kind == "money"]):
            if len(group) < 2 or not all(join.fullmatch(t, x.figure.span[1], y.figure.span[0]) for x, y in zip(group, group[1:])):
                continue
            hits = sorted((m.start(), m.end(), name) for name in ("exports", "imports")
                          for m in self.w["indicators"][name].finditer(t, a, group[0].figure.span[0]))
            if (len(hits) == len(group) and len({name for _, _, name in hits}) == len(hits)
                    and all(join.fullmatch(t, x[1], y[0]) for x, y in zip(hits, hits[1:]))):
                for r, (_, _, name) in zip(group, hits):
                    r.indicator = name

    def _flows_listed(self, a: int, b: int) -> list[str]:
        """The flows named between a and b in order ("exports and imports"), if each is named once."""
        found = sorted((m.start(), name) for name in ("exports", "imports", "trade_balance")
                       for m in self.w["indicators"][name].finditer(self.folded, a, b))
        names = [name for _, name in found]
        return names if len(set(names)) == len(names) else []
