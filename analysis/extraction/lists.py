"""Lists of partners, each labelled with its figure: "the United States (7.4%), Germany (7.4%) and Japan
(5.6%) ... South Africa exported to", "followed by India with 4.2 billion riyals, then South Korea with
3.9 billion". A part of `statements._Document`."""
from __future__ import annotations

from .model import _Row


class ListReading:
    """Methods of `_Document` that read a sentence's labelled list of partners."""

    def _labelled_list(self, rows: list[_Row], a: int, b: int) -> None:
        """Each figure written right after a country ("Germany (7.4%)", "India with $4.2 billion",
        "с Украиной - 51,4%") is that country's; when two or more countries label figures and the sentence
        names another one (the holder: "South Africa exported to", "the exports of Qatar"), the labels
        are partners and the holder reports. Without a holder nothing changes: the labels may be traders."""
        t, w = self.folded, self.w
        gap, twin = w["label_gap"], w["twin_gap"]
        named = [m for m in self._countries_in(a, b) if m.iso3]
        if len(named) < 3:
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
        if len(listed) < 2 or any(role.get(id(m)) in ("host", "owner", "agency") for m in labels.values()):
            return
        holders = [m for m in named if m.iso3 not in listed]
        owners = [m for m, role in self._roles(a, b) if role == "owner" and m.iso3 and m.iso3 not in listed]
        holder = (owners or holders or [None])[0]
        if holder is None:
            return
        first_label = min(m.start for m in labels.values())
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
