"""Events (buổi làm việc, lễ ký kết, hội nghị, đại hội, lễ công bố) and agreements between
bodies (chương trình phối hợp, quy chế phối hợp, thỏa thuận hợp tác).

An event word counts when the sentence makes it an occasion ("Tại buổi làm
việc", "X đã có buổi làm việc với Y", a sentence opening with it), not in
"nhiệm kỳ Đại hội". Mentions of one kind on one date are one event. An
agreement's parties are the bodies after "giữa X và Y", else the bodies of its
sentence; a lone party takes the partner the article pairs it with most
("phối hợp giữa X và Y", "X phối hợp với Y").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from kg.text import slugify

from . import dates
from .lexicon import Lexicon, dkey
from .tokens import Token


@dataclass
class _Span:
    start: int
    end: int


_ORGANIZER_VERBS = {"đã", "có", "tổ", "chức", "chủ", "trì", "cùng", "vừa"}
_PLACE = re.compile(r"(?<!\w)tại\s+([^,;.\n]{3,80})")


def _in_brackets(tokens: list[Token], span: _Span) -> bool:
    return (
        span.start > 0
        and span.end < len(tokens)
        and tokens[span.start - 1].text == "("
        and tokens[span.end].text == ")"
    )


def _unbracketed(tokens: list[Token]) -> list[Token]:
    """Tokens outside parentheses."""
    kept, depth = [], 0
    for token in tokens:
        depth += token.text == "("
        if depth == 0:
            kept.append(token)
        depth -= token.text == ")" and depth > 0
    return kept


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


@dataclass
class _Patterns:
    """Compiled once per lexicon: event and agreement words, participant cues, status cues."""

    event_kinds: dict[str, str]
    agreement_kinds: dict[str, str]
    event_words: re.Pattern[str]
    agreement_words: re.Pattern[str]
    participant_roles: list[tuple[str, re.Pattern[str]]]
    statuses: list[tuple[str, re.Pattern[str]]]
    occasion: re.Pattern[str]


def _patterns(lex: Lexicon) -> _Patterns:
    found = lex.cache.get("events")
    if found is None:
        spec = lex.events
        found = lex.cache["events"] = {
            "patterns": _Patterns(
                {dkey(e["label"]): e["kind"] for e in spec["events"]},
                {dkey(a["label"]): a["kind"] for a in spec["agreements"]},
                _label_pattern([e["label"] for e in spec["events"]]),
                _label_pattern([a["label"] for a in spec["agreements"]]),
                [(role, _label_pattern(cues)) for role, cues in spec["participant_roles"].items()],
                [(status, _label_pattern(cues)) for status, cues in spec["agreement_status"].items()],
                re.compile("|".join(rf"(?<!\w){re.escape(c)}(?!\w)" for c in spec["occasion_cues"])),
            )
        }
    return found["patterns"]


class ArticleEvents:
    """Collects events, agreements and who-works-with-whom over the sentences of one article."""

    def __init__(self, lex: Lexicon, text: str, date: str | None):
        self.lex = lex
        self.text = text
        self.date = date
        self.year = dates.article_year(date)
        self.patterns = _patterns(lex)
        self.events: dict[str, dict] = {}
        self.agreements: dict[tuple, dict] = {}
        self.pairs: Counter[tuple[str, str]] = Counter()
        self.participants: dict[str, str] = {}
        self.documents: list[str] = []
        self.signed = False

    def note_person(self, name: str, offset: int) -> None:
        """A person with a post: a participant of the article's events, role from nearby verbs."""
        if name in self.participants:
            return
        window = self.text[max(0, offset - 40) : offset + 200]
        self.participants[name] = next(
            (role for role, cues in self.patterns.participant_roles if cues.search(window)), "attended"
        )

    def sentence(self, tokens: list[Token], start: int, end: int, docs: list[dict], found: list) -> None:
        self.documents.extend(d["id"] for d in docs if d["id"] not in self.documents)
        orgs = [(_Span(s, e), name) for _, s, e, name in found]
        index = {t.start: k for k, t in enumerate(tokens)}
        self._pairs(tokens, orgs)
        for m in self.patterns.event_words.finditer(self.text, start, end):
            self._event(m, tokens, index, orgs, start, end)
        for m in self.patterns.agreement_words.finditer(self.text, start, end):
            self._agreement(m, tokens, index, orgs, start, end)

    def _pairs(self, tokens: list[Token], orgs: list[tuple[_Span, str]]) -> None:
        """Bodies named together: "giữa X và Y", "X phối hợp với Y", "X cùng Y", "X làm việc với Y"."""
        between = set(self.lex.events["between"])
        joins = set(self.lex.events["and_words"])
        for (a, name_a), (b, name_b) in pairwise(orgs):
            gap = [t.text for t in tokens[a.end : b.start]]
            before = tokens[a.start - 1].text if a.start > 0 else ""
            if name_a == name_b:
                continue
            joined = (before in between and gap and gap[-1] in joins) or gap == ["cùng"]
            verb = len(gap) <= 6 and gap[-1:] == ["với"] and bool({"việc", "hợp", "kết"} & set(gap))
            if joined or verb or gap[-2:] == ["làm", "việc"]:
                self.pairs[tuple(sorted((name_a, name_b)))] += 1

    def _is_occasion(self, m: re.Match[str], tokens: list[Token], index: dict[int, int], start: int) -> bool:
        k = index.get(m.start())
        if k is None:
            return False
        before = self.text[max(start, m.start() - 30) : m.start()]
        if any(before.rstrip().endswith(w) for w in self.lex.events["not_before"]):
            return False
        if k <= 1:
            return True
        window = " ".join(t.text for t in tokens[max(0, k - 3) : k])
        return self.patterns.occasion.search(window) is not None

    def _event(
        self,
        m: re.Match[str],
        tokens: list[Token],
        index: dict[int, int],
        orgs: list[tuple[_Span, str]],
        start: int,
        end: int,
    ) -> None:
        if not self._is_occasion(m, tokens, index, start):
            return
        label = dkey(m.group())
        kind = self.patterns.event_kinds[label]
        found = dates.dates_in(self.lex, self.text, start, end, self.year)
        date = found[0][2] if found and len(found[0][2]) == 10 else self.date
        key = slugify(f"{label} {date or ''}")
        event = self.events.setdefault(
            key,
            {
                "key": key,
                "kind": kind,
                "label": label,
                "date": date,
                "place": None,
                "organizers": [],
                "participants": [],
                "cites": [],
                "quote": self.text[start:end].strip(),
                "span": None,
                "confidence": 0.7,
            },
        )
        if kind == "signing":
            self.signed = True
        if event["place"] is None:
            place = _PLACE.search(self.text, start, end)
            if place and not self.patterns.event_words.match(place.group(1)):
                event["place"] = place.group(1).strip()
        k = index[m.start()]
        for name in self._organizers(tokens, orgs, k, k + len(m.group().split())):
            if name not in event["organizers"]:
                event["organizers"].append(name)
        if event["span"] is None:
            event["span"] = [
                start + (len(self.text[start:end]) - len(self.text[start:end].lstrip())),
                start + len(self.text[start:end].rstrip()),
            ]

    @staticmethod
    def _organizers(tokens: list[Token], orgs: list[tuple[_Span, str]], k: int, label_end: int) -> list[str]:
        """Bodies that hold the event at tokens[k:label_end]: the one right before it ("X đã có buổi
        làm việc", a person's name may stand between) and the one after "với"/"của"; when only the
        partner is found, the sentence's first body is the host ("Đoàn công tác của X ... với Y")."""
        left, right = [], []
        first = None
        for idx, (org, name) in enumerate(orgs):
            if org.end <= k - 9 or org.start > label_end + 2:
                continue
            verbs = [t.key for t in tokens[org.end : k] if not (t.is_cap and t.is_word)]
            after = [t.key for t in tokens[label_end : org.start]]
            if org.end <= k and 0 < len(verbs) <= 3 and k - org.end <= 8 and set(verbs) <= _ORGANIZER_VERBS:
                left.append(name)
                first = idx if first is None else first
            elif org.start >= label_end and after in (["với"], ["của"]):
                right.append(name)
        while first:  # co-hosts joined to the host: "X (Bộ Y tế) phối hợp với Y tổ chức hội thảo"
            idx = first - 1
            while idx >= 0 and _in_brackets(tokens, orgs[idx][0]):
                idx -= 1
            gap = (
                [t.key for t in _unbracketed(tokens[orgs[idx][0].end : orgs[first][0].start])]
                if idx >= 0
                else []
            )
            if idx < 0 or gap not in (["và"], ["cùng"], ["phối", "hợp", "với"]):
                break
            left.insert(0, orgs[idx][1])
            first = idx
        if right and not left and orgs and orgs[0][0].end <= k and orgs[0][1] not in right:
            left.append(orgs[0][1])
        return left + right

    def _agreement(
        self,
        m: re.Match[str],
        tokens: list[Token],
        index: dict[int, int],
        orgs: list[tuple[_Span, str]],
        start: int,
        end: int,
    ) -> None:
        kind = self.patterns.agreement_kinds[dkey(m.group())]
        k = index.get(m.start(), 0)
        between = [
            name
            for org, name in orgs
            if org.start > k
            and org.start >= 1
            and any(t.text in self.lex.events["between"] for t in tokens[k : org.start])
        ]
        stated = len(between) >= 2
        parties = between[:2] if stated else list(dict.fromkeys(name for _, name in orgs))[:4]
        window = self.text[max(start, m.start() - 40) : m.end()]
        status = next((s for s, cues in self.patterns.statuses if cues.search(window)), None)
        period = dates.periods(self.lex, self.text, start, end)
        key = (dkey(kind), tuple(sorted(parties)))
        same_kind = [k for k in self.agreements if k[0] == key[0]]
        if not stated and same_kind:  # a later mention of the article's agreement of this kind
            key = same_kind[0]
            known = self.agreements[key]
            if len(parties) > len(known["parties"]):
                known["parties"] = parties
        agreement = self.agreements.setdefault(
            key,
            {
                "key": None,
                "kind": kind,
                "parties": parties,
                "status": status,
                "start": period[0][2] if period else None,
                "end": period[0][3] if period else None,
                "event": None,
                "cites": [],
                "commitments": [],
                "quote": self.text[start:end].strip(),
                "span": None,
                "confidence": 0.7,
            },
        )
        agreement["status"] = agreement["status"] or status
        if agreement["span"] is None:
            lead = len(self.text[start:end]) - len(self.text[start:end].lstrip())
            agreement["span"] = [start + lead, start + lead + len(agreement["quote"])]

    def finish(self, complete: Callable[[str], str | None]) -> tuple[list[dict], list[dict]]:
        """Events and agreements, bodies completed, lone parties paired, participants attached."""

        def bodies(names: list[str]) -> list[str]:
            return list(dict.fromkeys(x for x in map(complete, names) if x))

        self.pairs = Counter(
            {
                tuple(sorted(bodies(list(pair)))): n
                for pair, n in self.pairs.items()
                if len(bodies(list(pair))) == 2
            }
        )
        events = list(self.events.values())
        for event in events:
            event["organizers"] = bodies(event["organizers"])
        if events:
            main = events[0]
            main["participants"] = [{"person": p, "role": r} for p, r in self.participants.items()]
            main["cites"] = list(self.documents)
        agreements: dict[tuple, dict[str, Any]] = {}
        for agreement in self.agreements.values():
            parties = bodies(agreement["parties"])
            if not parties and self.pairs:
                parties = list(self.pairs.most_common(1)[0][0])
            if len(parties) == 1:
                partners = [(n, pair) for pair, n in self.pairs.most_common() if parties[0] in pair]
                if partners:
                    pair = partners[0][1]
                    parties = [parties[0], pair[1] if pair[0] == parties[0] else pair[0]]
            if len(parties) < 2:
                continue
            agreement["parties"] = parties
            agreement["status"] = agreement["status"] or ("signed" if self.signed else None)
            if agreement["status"] == "signed":
                signing = next((e["key"] for e in events if e["kind"] == "signing"), None)
                agreement["event"] = signing
            agreement["key"] = slugify(f"{agreement['kind']} {' '.join(parties)}")[:80]
            key = (agreement["kind"], tuple(sorted(parties)))
            agreements.setdefault(key, agreement)
        return events, list(agreements.values())
