"""Who trades with whom: the roles countries play around a figure (owner, flow, origin, destination,
pair) and the context that fills what a sentence leaves open. A part of `statements._Document`."""
from __future__ import annotations

import functools
import re

from ..reading import countries as country_mentions
from .model import _Row
from .vocabulary import SUBJECT_ROLES, clause_break


def _nominative(m, w) -> bool:
    """A name written as its dictionary form ("Китай", "Россия") is no genitive, when that form declines
    (rules `declinable_label`: "Перу" reads the same in every case)."""
    return bool(w["declinable_label"].search(m.text)) and m.text == _labels(w["lang"]).get(m.iso3)


@functools.cache
def _labels(lang: str) -> dict:
    return {row["iso3"]: row.get(f"label_{lang}") for row in country_mentions.table()}


class RoleReading:
    """Methods of `_Document` that read countries' roles (they use the document's state)."""

    # -----------------------------------------------------------------------------------------
    def _roles(self, a: int, b: int) -> list[tuple[object, str]]:
        """(mention, role) in a span: owner, dest, origin, with, between, adj, host, plain, group.

        Every figure of a sentence asks for its sentence's roles: they are read once per span."""
        cache = self.__dict__.setdefault("_role_cache", {})
        if (a, b) not in cache:
            cache[(a, b)] = self._read_roles(a, b)
        return cache[(a, b)]

    def _read_roles(self, a: int, b: int) -> list[tuple[object, str]]:
        t, w = self.folded, self.w
        out = []
        ms = self._countries_in(a, b)
        for i, m in enumerate(ms):
            before = t[max(a, m.start - 30):m.start]
            after = t[m.end:m.end + 20]
            joined_next = i + 1 < len(ms) and ms[i + 1].start == m.end + 1 and t[m.end] == "-"
            joined_prev = i > 0 and ms[i - 1].end == m.start - 1 and t[m.start - 1] == "-"
            if m.form == "agency" or m.form == "adj" and w["agency_after"].match(after):
                role = "agency"   # "TurkStat said", "the Kyrgyz statistics committee": the office speaks for its country's figures
            elif w["aside_from"].search(before):
                role = "aside"   # "helped by demand from China": no side of the figure's trade
            elif joined_next or joined_prev:
                role = "pair"   # "Uzbek-Russian", "Российско-китайский", "Kazakhstan-China"
            elif m.form == "adj" and w["market_after"].match(after) and (w["prep_to"].search(before) or w["prep_from"].search(before)):
                role = "dest" if w["prep_to"].search(before) else "origin"   # "на российский рынок", "to the Chinese market"
            elif m.form == "adj" and w["in_host"].search(before) and w["host_place_after"].match(after):
                role = "host"   # "investment in the Chinese mainland", "в казахстанскую экономику"
            elif m.form == "adj":
                if w["capital_after"].match(after):
                    role = "adj_owner"
                elif w["flow_after"].match(after):
                    role = "adj_flow"   # "Qatari imports": whose flow it is, unless a named trader says otherwise
                else:
                    role = "adj"
            elif m.form == "name" and w["flow_after"].match(after) and w["of_before"].search(before):
                role = "adj_flow"   # "6.8% of UK goods imports": a name used as the flow's adjective
            elif w["recipient_verb"].search(before):
                role = "dest"   # "продал Китаю", "sold China": the verb's object is the buyer
            elif w["host_verb"].match(t, m.end):
                role = "host"   # "Vietnam attracted $12.3 billion": the country the money goes to
            elif poss := re.match(r"['’]s?\b", after):
                # "Kazakhstan's Bureau of National Statistics said": the office's country speaks, it owns no flow
                role = "agency" if w["agency_after"].match(t[m.end + poss.end():m.end + poss.end() + 40]) else "owner"
            elif w["agency_after"].match(after) or w["agency_before"].search(before):
                role = "agency"   # "Korea Customs Service", "госкомстата Узбекистана": whose statistics
            elif w["owner_of_before"].search(before) or w["partner_of_before"].search(before):
                role = "owner"   # "the exports of Georgia", "партнером Кыргызстана": whose trade it is
            elif w["between"].search(before):
                role = "between"
            elif i > 0 and ms[i - 1].start >= m.start - 30 and w["pair_join"].fullmatch(t, ms[i - 1].end, m.start) and out and out[-1][1] in ("between", "pair_and"):
                role = "pair_and"
            elif w["prep_from"].search(before):
                role = "origin"
            elif w["in_host"].search(before) and (w["host_case"] is None or w["host_case"].search(m.text) or w["host_any_case"].search(before)):
                role = "host"
            elif w["prep_to"].search(before):
                role = "dest"
            elif w["prep_with"].search(before):
                role = "with"
            else:
                role = "plain"
                ind = None
                for pattern in w["indicators"].values():
                    for k in pattern.finditer(t, max(a, m.start - 40), m.start):
                        ind = k
                if self.lang == "ru" and ind is not None and re.fullmatch(r"[\s\w]{0,25}", t[ind.end():m.start]) and not _nominative(m, w):
                    role = "owner"   # genitive: "товарооборот Казахстана" (not "экспорта стали Китай")
            out.append((m, role))
        # "between X and Y" / "X and Y": the second of a pair
        fixed = []
        for j, (m, role) in enumerate(out):
            if j > 0 and fixed[-1][1] == "aside" and w["list_join"].fullmatch(t, out[j - 1][0].end, m.start):
                fixed.append((m, "aside"))   # "demand from India and China"
                continue
            if role in ("plain", "with", "dest") and j > 0 and w["pair_join"].fullmatch(t, out[j - 1][0].end, m.start) and out[j - 1][1] in ("between", "plain", "pair_and"):
                if out[j - 1][1] == "between" or (role == "plain" and out[j - 1][1] == "plain"):
                    role = "pair_and"
                    if fixed and fixed[-1][1] == "plain":
                        fixed[-1] = (fixed[-1][0], "between")
            fixed.append((m, role))
        return fixed

    def _partner_of(self, a: int, b: int) -> tuple[str, str] | None:
        """(holder, partner) of "China is Belarus's largest trading partner" / "... партнеров Беларуси":
        the sentences after it speak of the holder's trade with the partner."""
        t, w = self.folded, self.w
        named = [m for m, _ in self._roles(a, b) if m.iso3]
        for m in named:
            if w["partner_of_before"].search(t, max(a, m.start - 40), m.start) or w["partner_after_owner"].match(t, m.end):
                other = next((o for o in named if o.iso3 != m.iso3 and o.start < m.start), None)
                if other is not None:
                    return m.iso3, other.iso3
        return None

    def _countries(self, r: _Row, a: int, b: int, left: int, nxt: int, ctx: dict, siblings: list[_Row] = ()) -> None:
        """Reporter and partner of a row from the roles countries play in its sentence."""
        t, w = self.folded, self.w
        f = r.figure
        roles = self._roles(a, b)
        # the figure's own clause: from the previous figure up to it, and on to the next clause break
        brk = clause_break().search(t[f.span[1]:nxt])
        after_cut = f.span[1] + brk.start() if brk else nxt
        # "..., Kazakhstan - $150 million": a name followed by a dash labels the figure after it
        local = [(m, role) for m, role in roles if left <= m.start < after_cut
                 and not (m.start >= f.span[1] and re.match(r"\s*[-:]\s*(?:[$€£¥₽₸]|\d|[A-Z]{3}\s?\d)", t[m.end:m.end + 10]))]
        outside = [(m, role) for m, role in roles if (m, role) not in local]
        # "$2.4 billion to Russia and $150 million to Belarus": a destination or origin written right after
        # the amount is that amount's own
        own = [(m, role) for m, role in local if role in ("dest", "origin") and 0 <= m.start - f.span[1] <= 12
               and w["one_word_gap"].fullmatch(t, f.span[1], m.start)]   # no comma: "…, to Russia 0.83 bn" lists the other way
        if own:
            local = own[:1] + [x for x in local if x is not own[0]]
        ind = r.flow or r.indicator   # a good's exports are read like exports
        subject_roles = SUBJECT_ROLES + (("host", "dest") if ind in ("investment", "enterprises") else ())
        pair_roles = ("with", "pair_and", "between")

        def pick(wanted, pools):
            for pool in pools:
                for want in wanted:
                    for m, role in pool:
                        if role == want:
                            return m
            return None

        if ind in ("investment", "enterprises"):
            local = sorted(local, key=lambda x: min(abs(x[0].start - f.span[1]), abs(f.span[0] - x[0].end)))
        # a sentence's subject stands before the figure; names after it belong to later figures
        # "$1.2 billion of Chinese goods": an adjective after the amount describes the goods, not the trader
        rep_local = [x for x in local if not (x[1] in ("adj", "adj_flow") and x[0].start >= f.span[1] and ind in ("exports", "imports"))]
        rep_pools = [rep_local, [(m, role) for m, role in outside if role in subject_roles and m.start < f.span[0]]]
        # partners outside the figure's clause only from the sentence's opening ("trade between X and Y ... rose
        # 30% and reached $31.5 billion"); names between earlier figures are theirs
        opening = min((g.span[0] for g in self._figs_in(a, b) if g.kind in ("money", "count", "ratio")), default=b)
        par_pools = [local] if ind in ("exports", "imports") else [
            local, [(m, role) for m, role in outside if role in pair_roles and m.start < opening]]

        def iso(m):
            return None if m is None else m.iso3

        def roles_of(m) -> set:
            return {role for x, role in roles if x is m}

        sentence = t[a:b]
        group_roles = ("dest", "with", "origin", "between", "pair_and", "plain")
        has_group = any(m.form == "group" and role in group_roles and ((m, role) in local or m.end <= f.span[0]) for m, role in roles)
        rep = par = None
        if ind == "exports":
            seller = ("owner", "origin", "adj_owner", "adj", "adj_flow", "pair", "plain", "between", "host")
            # the subject before the figure speaks first: "Ghana exported $5 billion, driven by demand from India"
            rep = pick(seller, [[x for x in rep_local if x[0].end <= f.span[0]]]) or pick(seller, rep_pools)
            # "Беларусь реализовала в России": a seller named as subject sells in the place named after it
            par = pick(("dest", "with", "pair_and") + (("host",) if rep is not None and rep.end <= f.span[0] else ()), par_pools)
        elif ind == "imports":
            # "Индия закупила в России товаров на 46 млрд": the buyer is the subject, the place it bought in the origin;
            # "В Казахстане Россия остается главным поставщиком: импорт из России": a subject that is the origin sells
            par = pick(("origin", "with", "adj_owner", "adj", "adj_flow", "pair_and", "host"), par_pools)
            rep = pick(("dest", "owner", "plain", "host", "between", "adj_flow"),
                       [[x for x in pool if par is None or x[0] is par or x[0].iso3 != par.iso3] for pool in rep_pools])
            if rep is par:
                par = None
            market = w["export_market"].search(sentence) if w["buyer_verb"].search(sentence) else None
            if market is not None:
                # "China, buying products worth $11.46 billion from Peru, has become the primary market for the South
                # American country", "Uganda remained Kenya's largest export market, buying goods worth Sh97 billion":
                # the seller's exports, told from its side
                owner = next((m for m, _ in roles if m.end <= a + market.start() and w["market_owner_after"].match(t, m.end)
                              or a + market.end() <= m.start <= a + market.end() + 4), None)
                seller = owner or par
                buyer = next((m for m, role in roles if seller is not None and m.iso3 != seller.iso3 and role in ("plain", "owner")), None)
                if seller is not None and buyer is not None:
                    rep, par = seller, buyer
                    r.indicator, r.why["indicator"] = "exports", "market"
        elif ind in ("investment", "enterprises"):
            rep = pick(("host", "dest", "owner"), rep_pools)
            # "$28 billion of FDI, with the Netherlands the largest investor at $7.3 billion": names after the
            # figure outside its clause are later figures' sources
            par = pick(("adj_owner", "origin", "owner", "adj", "adj_flow", "plain", "with"), [local, [x for x in outside if x[0].start < f.span[0]]])
            if rep is par:
                par = None
            if rep is None and par is not None and par.iso3:
                other = self._other_country(par.iso3)
                if other and (w["our"].search(sentence) or self._doc_pair()):
                    rep = country_mentions.CountryMention(0, 0, other, "name", "")
        elif ind == "other" and f.kind == "percent":
            # "Russia's share in Armenia's trade": the owner of the share is the partner, the other owner reports
            holder = next((m for m, role in roles if role == "owner" and self._owns_share(m)), None)
            rep = pick(("owner", "host"), [[x for x in roles if x[0] is not holder]])
            near = [m for m, role in roles if m.end <= f.span[0] and f.span[0] - m.end < 25 and m is not rep]
            other_side = [[x for x in pool if rep is None or x[0].iso3 != rep.iso3] for pool in (local, outside)]
            par = holder or (near[-1] if near else pick(("plain", "adj", "adj_flow", "with", "dest", "origin", "between", "pair_and"), other_side))
            if rep is None and not (ctx["reporter"] and not self._about_trade(a, b)):
                # a plain subject before a lone share reports it ("Kyrgyzstan bought ... from China, which was 20% of
                # its imports"); in a list of shares the plain names are the shares' holders
                lone = sum(g.kind == "percent" for g in self._figs_in(a, b)) == 1
                cand = [m for m, role in roles if m is not par and m.iso3 and (role in ("adj", "adj_flow", "between", "owner")
                                                                                or role == "plain" and lone and m.end <= f.span[0])]
                rep = cand[0] if cand else None
        else:  # turnover, balance, other money
            rep = pick(("owner", "between", "pair", "plain", "adj_owner", "adj", "adj_flow", "host"), rep_pools)
            par = pick(("pair_and", "with", "dest", "origin"), par_pools)
            if par is None:
                others = [m for m, role in roles if m is not rep and (m.iso3 != iso(rep) or m.iso3 is None) and role in ("plain", "adj", "adj_flow", "pair", "owner", "between", "pair_and")]
                if others and rep is not None:
                    par = others[0]
        if rep is None and ind in ("exports", "imports", "trade_turnover", "trade_balance", "other"):
            rep = pick(("agency",), [roles])   # the office whose figures these are speaks for its country
            if rep is not None and par is not None and rep.iso3 == par.iso3:
                rep = None   # "imports from Kenya fell ..., data from the Central Bank of Kenya": the partner's office
        if rep is not None and par is not None and (rep is par or (rep.iso3 and rep.iso3 == par.iso3)):
            par = None
        reporter, partner = iso(rep), iso(par)
        # the subject of "X was the largest investor / the top destination", written before the figure
        # ("China was Uzbekistan's largest trading partner with $11.3 billion": the possessive in the predicate is
        # the holder, not the reporter the other rules took it for)
        ranked = next(((m, p) for m, role in roles if role == "plain" and m.end <= f.span[0] and m.iso3
                       and (p := w["partner_predicate_after"].match(t, m.end))
                       and not any(g.kind == "money" for g in self._figs_in(p.end(), f.span[0]))), None)   # its own figure only
        subject = ranked[0] if ranked and (rep is None or ranked[1].start() <= rep.start < f.span[0]
                                           and not clause_break().search(t, ranked[1].end(), rep.start)) else None
        before_subject = (rep, par, reporter, partner)
        ranked_why: dict = {}
        ranked_partner = None
        if subject is not None:
            rep, par = subject, None
            reporter, partner = iso(rep), None
        predicate = (w["partner_predicate_after"].match(t, rep.end) or w["partner_predicate_before"].search(t, max(a, rep.start - 60), rep.start)
                     ) if rep is not None and (par is None or par.iso3 == rep.iso3 or roles_of(par) & {"adj", "adj_owner", "owner"}) else None
        # "Germany was the top destination for Turkish exports with $1.8 billion": the ranked country's holder, if named
        holder = next((m for m, role in roles if predicate and (m.iso3 and m.iso3 != rep.iso3 or m.form == "group")
                       and (role in ("adj", "adj_owner", "owner", "adj_flow") or role == "host" and ind == "investment")), None)
        follow = None if predicate or rep is None else next((o for o in reversed(siblings) if o.why.get("partner") == "partner_subject"
                                                              and o.figure.span[1] <= f.span[0]), None)
        if subject is not None and not (predicate and (holder is not None or ctx["reporter"] not in (None, reporter))):
            rep, par, reporter, partner = before_subject   # a ranked subject with no holder to rank it for: as it was
            predicate = holder = None
        if predicate and (holder is not None or ctx["reporter"] not in (None, reporter)):
            # "Russia remained the main partner, with trade with it at $1.9 billion", "Основным торговым партнером
            # осталась Россия": the subject is the partner of the country the text is about
            reporter, partner = (holder.iso3 if holder is not None else ctx["reporter"]), reporter
            ranked_why = {"reporter": "holder" if holder is not None else "context", "partner": "partner_subject"}
            ranked_partner = partner
            named = self._list_role(predicate.start(), predicate.end())
            # "India became Nepal's top source of imports, supplying goods": the rank noun tells the holder's flow,
            # the verb the partner's
            if r.why.get("indicator") in ("context", "none", "list_role") or named in ("exports", "imports") and r.indicator in ("exports", "imports"):
                r.indicator = named or r.indicator
        elif follow is not None and w["list_follow"].search(t, max(a, rep.start - 25), rep.start) and par is None:
            # "..., followed by the United Kingdom with $1.2 billion": the next partner of the same holder
            reporter, partner = follow.reporter, reporter
            ranked_why = {"reporter": "ranking", "partner": "partner_subject"}
            ranked_partner = partner
        partner_group = (par is not None and par.form == "group") or (par is None and has_group)
        # "the two countries", "bilateral": the pair the text named last, unless a total word in the figure's own
        # clause ("..., but overall exports", "общий экспорт страны") makes it another thing
        opens = max([left] + [m.end() for m in clause_break("contrast").finditer(t, left, f.span[0])])
        own_total = bool(w["total"].search(t, opens, f.span[0]))
        anaphora = any(opens <= m.start() < after_cut or not own_total for m in w["anaphora"].finditer(t, a, b))
        flows = ("exports", "imports", "trade_turnover", "trade_balance")
        if ind == "trade_turnover" and rep is not None and pick(("pair_and", "with", "dest", "origin"), [local]) is None:
            sibling = next((o for o in siblings if o.reporter and o.partner and o.reporter != rep.iso3), None)
            roles_here = [role for m, role in local if m is rep]
            if sibling is not None and roles_here == ["plain"]:
                reporter, partner = sibling.reporter, rep.iso3   # "including with Russia - $310 million, Kazakhstan - $150 million"
        if reporter is None and has_group and ctx["reporter"] and ctx["partner"] == "WLD" and (
                ind in flows or ind == "other" and f.kind == "percent" and partner_group):
            reporter = ctx["reporter"]   # "Kyrgyzstan's trade ... The trade with (The share of) the EAEU countries ..."
        if reporter is None and partner is None and not has_group:
            sib = next((o for o in siblings if o.reporter), None)
            if anaphora or (ind == "trade_turnover" and w["between_word"].search(sentence)):
                pair = self._recent_pair(a)
                if pair:
                    reporter, partner = pair
            elif sib is not None and ind in flows:
                reporter, partner = sib.reporter, sib.partner   # "Chinese exports ..., and imports ..."
            elif own_total and ctx["reporter"] is not None and ind in ("exports", "imports", "trade_balance"):
                reporter, partner = ctx["reporter"], "WLD"   # "Kazakhstan's trade with China ... overall exports"
            elif (ctx["reporter"] is not None or ctx["partner"] is not None) and ind in flows + ("investment",) and not (
                    ind in ("exports", "imports") and ctx["indicator"] == "trade_turnover" and ctx["partner"] not in (None, "WLD")
                    and not ctx["sided"]):
                reporter, partner = ctx["reporter"], ctx["partner"]   # whose exports, in a bilateral turnover, is not said
                if w["total"].search(sentence) and ctx["partner"] is not None:
                    partner = "WLD"   # "... exports to China. For January-May, total trade reached RM1.1 trillion"
                if partner is None and reporter is not None and (ind in ("exports", "imports", "trade_balance") and ctx["indicator"] != "trade_turnover"
                                                                 or ind == "trade_turnover" and ctx["indicator"] is None):
                    partner = "WLD"   # "Kenya's trade deficit widened. The country's imports rose 18%": its total
        elif reporter is not None and partner is None and anaphora and ind in flows and any(
                o.reporter == reporter and o.partner not in (None, "WLD") for o in siblings):
            # "exported $6.8 billion to Italy and imported $0.3 billion from that country"
            partner = next(o.partner for o in siblings if o.reporter == reporter and o.partner not in (None, "WLD"))
        elif reporter is not None and partner is None and not partner_group and not anaphora and ind in flows + ("other",) and f.kind != "percent":
            sibling = next((o for o in siblings if o.reporter == reporter and o.partner not in (None, "WLD")), None)
            if ind == "other" and not w["total"].search(sentence):
                pass
            elif sibling is not None:
                partner = sibling.partner   # "exports to the US rose ..., while imports were ..."
            elif ctx["partner"] and ctx["reporter"] == reporter and not w["total"].search(sentence):
                partner = ctx["partner"]
            elif (ctx["indicator"] == "trade_turnover" and ctx["partner"] not in (None, "WLD") and reporter == ctx["partner"]
                  and ctx["reporter"] and not w["total"].search(sentence)):
                partner = ctx["reporter"]   # "Trade between Egypt and Russia was $6.3 billion. Russian exports ..."
            elif any(o.partner == reporter and o.reporter not in (None, "WLD") for o in siblings) or (
                    ctx["partner"] == reporter and ctx["reporter"] not in (None, "WLD") and ind in ("exports", "imports")):
                pass   # "China's exports to Russia rose ..., Russia's imports ...": a bilateral sentence, not the world
            elif ind != "other" or w["total"].search(sentence):
                partner = "WLD"
        elif reporter is None and partner is not None and not partner_group and ind in ("exports", "imports", "trade_turnover", "trade_balance"):
            sibling = next((o for o in siblings if o.reporter and o.reporter != partner), None)
            if sibling is not None:
                reporter = sibling.reporter   # "Russian exports to China ..., imports from China ..."
            elif ctx["reporter"] and ctx["reporter"] != partner:
                reporter = ctx["reporter"]
        if reporter is None and partner is None and not local and r.why.get("indicator") in ("sentence", "commodity"):
            # "exports to India were $2 billion in December, and $9.8 billion for the year", "imports of energy from
            # Russia fell from €16.2 billion to €2.5 billion": a clause that borrows its flow from an earlier figure of
            # the sentence borrows that figure's countries too
            same = next((o for o in reversed(siblings) if o.figure.span[1] <= f.span[0] and (o.flow or o.indicator) == ind), None)
            if same is not None:
                reporter, partner = same.reporter, same.partner
        bilateral_context = ctx["indicator"] == "trade_turnover" and ctx["partner"] not in (None, "WLD")
        if reporter is None and partner is None and not has_group and not anaphora and ind in ("exports", "imports", "trade_balance") and not bilateral_context:
            partner = "WLD"
        if reporter is None and partner is None and not has_group and not anaphora and ind == "trade_turnover" and w["total"].search(sentence):
            partner = "WLD"
        if partner is None and reporter is None and ind == "other" and f.kind in ("money", "ratio") and ctx["indicator"] is not None and not roles:
            reporter, partner = ctx["reporter"], ctx["partner"]   # "In physical terms, the volume grew ..." speaks of the same trade
        elif (partner is None and ind == "other" and f.kind in ("money", "ratio") and not has_group and not anaphora
              and r.why.get("indicator") != "figure_word"):   # "this indicator": a measure of unknown sides
            partner = "WLD"
        if partner is None and reporter is not None and ind == "other" and f.kind == "percent" and not partner_group and w["total"].search(sentence):
            partner = "WLD"
        if ind == "other" and f.kind == "percent":
            # "reached $71 billion, or 64.8% of the total" / "составив 64,8% от общего объёма": a share written
            # right after an amount, with no other country in its clause, is that amount's share
            prev = next((o for o in reversed(siblings) if o.figure.span[1] <= f.span[0] and o.figure.kind == "money"
                         and o.indicator not in (None, "other") and o.reporter and o.partner), None)
            if prev is not None and not self._countries_in(prev.figure.span[1], max(nxt, f.span[1])) and \
                    not clause_break().search(t, prev.figure.span[1], f.span[0]):
                reporter, partner = prev.reporter, prev.partner
            elif reporter is None and partner is not None:
                # "ПИИ в Грузию составили 1,6 млрд, из которых 21% пришлось на Великобританию": a part of the amount before
                whole = next((o for o in reversed(siblings) if o.figure.span[1] <= f.span[0] and o.figure.kind == "money"
                              and o.reporter not in (None, partner) and w["part_of_total"].search(t, o.figure.span[1], f.span[0])), None)
                if whole is not None:
                    reporter = whole.reporter
        if partner is None and reporter is None and ind == "other" and f.kind == "percent" and not roles:
            partner = "WLD"
        if reporter is None and partner is not None and ind == "other" and f.kind == "percent" and ctx["reporter"] not in (None, partner) \
                and (not self._about_trade(a, b) or w["our"].search(sentence) or par is not None and roles_of(par) & {"dest", "origin"}):
            # "Exports to Russia accounted for 11%": a flow to a partner, the share of the context's trade
            reporter = ctx["reporter"]   # "Saudi exports reached SR 27 billion. China was the main destination, with 13%"
        # "imports from the EAEU reached $18.4 billion, of which Russia accounted for $16.1 billion": a part of the
        # total before it, the same trader's trade with the country its clause names
        whole = next((o for o in reversed(siblings) if o.figure.span[1] <= f.span[0] and o.reporter and o.indicator == r.indicator), None)
        if whole is not None and f.kind == "money" and w["part_of_total"].search(t, whole.figure.span[1], f.span[0]):
            named = [m for m, role in local if m.iso3 and m.iso3 != whole.reporter and m.start > whole.figure.span[1]]
            if named:
                reporter, partner, rep, par = whole.reporter, named[0].iso3, None, named[0]
        if reporter == partner:
            partner = None
        r.reporter, r.partner = reporter, partner
        role_of = {id(m): role for m, role in roles}

        def why(value, mention):
            if value is None:
                return "none"
            if mention is not None and mention.iso3 == value:
                return role_of.get(id(mention), "inferred")
            return "world" if value == "WLD" else "context"
        r.why["reporter"], r.why["partner"] = why(reporter, rep), why(partner, par)
        if ranked_why and ranked_partner == partner:
            r.why.update(ranked_why)   # the later figures of a ranking follow this one

    def _owns_share(self, m) -> bool:
        """"Russia's share", "the EU's share": a possessive right before a share word; "доля Китая", "на долю
        Китая": a share word right before the name."""
        poss = re.match(r"['’]s?\s+", self.folded[m.end:m.end + 4])
        if poss and self.w["share"].match(self.folded, m.end + poss.end()):
            return True
        return any(m.start - x.end() <= 1 for x in self.w["share_noun"].finditer(self.folded, max(0, m.start - 20), m.start))

    def _other_country(self, iso3: str) -> str | None:
        pair = self._doc_pair()
        if pair and iso3 in pair:
            rest = [c for c in pair if c != iso3]
            return rest[0] if rest else None
        return None

    @functools.cached_property
    def _counts(self) -> dict:
        counts: dict = {}
        for m in self.countries:
            if m.iso3:
                counts[m.iso3] = counts.get(m.iso3, 0) + 1
        return counts

    def _doc_pair(self) -> tuple[str, ...] | None:
        ranked = sorted(self._counts, key=lambda k: -self._counts[k])
        return tuple(ranked[:2]) if len(ranked) >= 2 else None

    @functools.cached_property
    def _pairs(self) -> list[tuple[int, str, str]]:
        """(sentence start, first, second) for each sentence that names two countries."""
        out = []
        for s, e in self.sentences:
            names = list(dict.fromkeys(m.iso3 for m in self._countries_in(s, e) if m.iso3))
            if len(names) >= 2:
                out.append((s, names[0], names[1]))
        return out

    def _recent_pair(self, a: int) -> tuple[str, str] | None:
        """The two countries the text last named together, else the two it names most."""
        before = [p for p in self._pairs if p[0] <= a]
        best = before[-1] if before else (self._pairs[0] if self._pairs else None)
        if best:
            # the country the text is about (named most often) reports
            first, second = sorted(best[1:], key=lambda c: -self._counts.get(c, 0))
            return first, second
        pair = self._doc_pair()
        return (pair[0], pair[1]) if pair else None
