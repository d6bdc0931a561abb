"""Write a benchmark corpus of N realistic articles with planted conflicts and their ground truth.

Usage::

    python tests/benchmarks/generate.py N DEST [--seed 1] [--cluster-share 0.4]

Every article is built from a real article (the seed articles, ECB+ and MEANTIME texts read
in place from ``../shared/external``) with its names, numbers and dates varied so that copies
of one source tell different stories: capitalised names are swapped for generated ones
consistently within the article, figures are scaled, and calendar dates are shifted with the
publication date.

About ``--cluster-share`` of the articles belong to *story clusters*: 2 to 5 outlets reporting
one generated event (a visit, a deadly blast, a set of talks) in a lead paragraph written from
varied templates, followed by the body of a varied real article, the same body in every
article of the cluster (rewrites of one wire report; the happening's day dates it). Some clusters carry a
planted conflict, recorded in ``DEST/ground_truth.json``:

- ``length``: one outlet gives a different length for the visit (rule DU01);
- ``date``: one outlet dates the visit to another day of the same week (rule DT01);
- ``count``: one outlet gives a death toll far from the others, all published the same day
  (rule CT01; a toll rising between days is an update, not a conflict);
- ``spelling``: one outlet transliterates the visitor's name differently (rule NM01).

Articles go into shards of 1,000 (``DEST/s0000/`` ...) with a ``corpus.toml`` manifest per
shard giving title, source and publication date. The output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.sources import SourceArticle, all_sources

SHARD = 1000
CLUSTER_SIZES = (2, 3, 3, 4, 5)
CLUSTER_MEAN = sum(CLUSTER_SIZES) / len(CLUSTER_SIZES)
OUTLETS = ["Reuters", "AP", "AFP", "BBC News", "The Guardian", "Al Jazeera", "Kyodo", "Yonhap", "DW", "France 24",
           "NHK World", "The Times", "NPR", "CNN", "Bloomberg", "TASS", "Xinhua", "Euronews", "ABC News", "Politico"]
FIRST = """Sergei Anna Marco Elena Pavel Yuri Olga Dmitri Ivan Nikolai Hassan Fatima Omar Leila Kenji Yuki Hiro Chen
Li Wei Mei Jorge Lucia Carlos Sofia Pedro Ines Amara Kwame Nia Tariq Samir Rania Lars Ingrid Sven Freya Piotr Agnieszka
Tomasz Katarzyna Andrei Irina Mikhail Tatiana Boris Vera Ahmed Aisha Karim Salma Raj Priya Arjun Anil Sunita Viktor
Milan Petra Jan Eva Nikos Eleni Giorgos Maria Aleksander Jelena Dragan Ana Mehmet Ayse Emre Zeynep Gustavo Camila Diego
Valentina Mateo Isabel Tomas Rafael Helena Felipe Carmen""".split()
LAST = """Lavrentiev Morozova Castellano Volkova Dvorak Kuznetsov Antonova Belov Sokolov Orlov Haddad Nasser Khalil
Mansour Takahashi Nakamura Watanabe Zhang Liu Huang Moreno Alvarez Navarro Ferreira Ribeiro Mensah Owusu Qureshi Farouk
Aziz Lindqvist Halvorsen Eriksen Kowalski Nowak Wisniewski Popescu Ionescu Novak Horvat Kovacs Szabo Varga Papadopoulos
Georgiou Demir Yilmaz Kaya Sharma Patel Gupta Reddy Markovic Petrovic Jovanovic Santos Oliveira Pereira Costa Gomez
Herrera Medina Castro Romero Vargas Rojas Silva Mendes Fischer Weber Schneider Hoffmann Bauer Richter Keller Brandt
Lehmann Kruger Dietrich Okafor Adeyemi Balogun Nwosu Kariuki Mwangi Otieno Chua Tan Lim Nguyen Tran Pham Hoang Bui""".split()
# Transliteration variants of first names (the spelling conflicts).
VARIANTS = {"Sergei": "Sergey", "Yuri": "Yury", "Dmitri": "Dmitry", "Nikolai": "Nikolay", "Andrei": "Andrey",
            "Mikhail": "Mikhael", "Tatiana": "Tatyana", "Olga": "Olha", "Pavel": "Pavlo", "Ivan": "Iwan",
            "Omar": "Umar", "Hassan": "Hasan", "Aisha": "Ayesha", "Fatima": "Fatimah", "Karim": "Kareem"}
LAST_VARIANTS = {"ov": "ow", "ev": "yev", "sky": "ski", "ii": "iy"}
CAPITALS = {
    "North Korea": "Pyongyang", "South Korea": "Seoul", "Japan": "Tokyo", "China": "Beijing", "Vietnam": "Hanoi",
    "Indonesia": "Jakarta", "India": "Delhi", "Pakistan": "Islamabad", "Iran": "Tehran", "Turkey": "Ankara",
    "Egypt": "Cairo", "Kenya": "Nairobi", "Nigeria": "Abuja", "Ghana": "Accra", "Ethiopia": "Addis Ababa",
    "Brazil": "Brasilia", "Argentina": "Buenos Aires", "Chile": "Santiago", "Peru": "Lima", "Mexico": "Mexico City",
    "Canada": "Ottawa", "France": "Paris", "Germany": "Berlin", "Italy": "Rome", "Spain": "Madrid", "Poland": "Warsaw",
    "Hungary": "Budapest", "Serbia": "Belgrade", "Greece": "Athens", "Norway": "Oslo", "Sweden": "Stockholm",
    "Finland": "Helsinki", "Ukraine": "Kyiv", "Belarus": "Minsk", "Kazakhstan": "Astana", "Mongolia": "Ulaanbaatar",
    "Australia": "Canberra", "Philippines": "Manila", "Thailand": "Bangkok", "Cambodia": "Phnom Penh",
    "Nepal": "Kathmandu", "Bangladesh": "Dhaka", "Sri Lanka": "Colombo", "Morocco": "Rabat", "Algeria": "Algiers",
    "Tunisia": "Tunis", "Jordan": "Amman", "Qatar": "Doha", "Oman": "Muscat", "Saudi Arabia": "Riyadh",
    "Lebanon": "Beirut", "Iraq": "Baghdad", "Georgia": "Tbilisi", "Armenia": "Yerevan", "Azerbaijan": "Baku",
    "Cuba": "Havana", "Venezuela": "Caracas", "Colombia": "Bogota", "Austria": "Vienna", "Portugal": "Lisbon",
}
COUNTRIES = sorted(CAPITALS)
CITIES = sorted(set(CAPITALS.values()) | {"Osaka", "Mumbai", "Istanbul", "Geneva", "Lagos", "Karachi"})
TITLES = ["Foreign Minister", "Defence Minister", "Prime Minister", "President", "Trade Minister", "Energy Minister",
          "Interior Minister", "Finance Minister", "Health Minister", "Deputy Prime Minister"]
DEMONYM = {"Russia": "Russian", "China": "Chinese", "Japan": "Japanese", "France": "French", "Germany": "German",
           "Italy": "Italian", "Spain": "Spanish", "Poland": "Polish", "Brazil": "Brazilian", "India": "Indian",
           "Turkey": "Turkish", "Iran": "Iranian", "Mexico": "Mexican", "Canada": "Canadian", "Egypt": "Egyptian"}
HOME = list(DEMONYM)
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FACILITIES = ["chemical plant", "fuel depot", "coal mine", "textile factory", "market", "railway station",
              "apartment block", "port warehouse", "fireworks factory", "oil refinery"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass
class Planted:
    id: str
    kind: str  # length | date | count | spelling
    rule: str
    cluster: str
    articles: list[str]  # the articles whose claims conflict (the odd one first)
    values: list[str]
    label: str


@dataclass
class Truth:
    n_articles: int
    seed: int
    clusters: int = 0
    cluster_articles: int = 0
    planted: list[Planted] = field(default_factory=list)
    bytes: int = 0


# -- varying a real article ------------------------------------------------------------------

_NAME = re.compile(r"(?<![\w.])(?:[A-Z][a-z]{2,}(?:\s+[A-Z][a-z]{2,}){0,2})(?![\w])")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w,]*\d)")
_DATE = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{1,2}),? (\d{4})\b")
_KEEP = frozenset(MONTHS + WEEKDAYS + """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun
The A An In On At For And But Or If As It Its This That These Those He She
They We I You His Her Their Our Mr Mrs Ms Dr After Before When While Since During Police Officials According However
Meanwhile Also There Here What Who Why How Some Many Most Several Both Each Every Other Another Such No Not Yes
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow""".split())


def _vary_name(rng: random.Random, name: str, mapping: dict[str, str]) -> str:
    if name in mapping:
        return mapping[name]
    words = name.split()
    if words[0] in _KEEP or name in ("United States", "European Union", "United Nations"):
        return name
    if len(words) == 1:
        new = rng.choice(LAST if rng.random() < 0.7 else CITIES)
    else:
        new = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if len(words) == 2 else \
            f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(['Group', 'Institute', 'Centre', 'Company'])}"
    mapping[name] = new
    # "Reid" alone later in the article is the same person as "Tara Reid".
    if len(words) == 2 and len(new.split()) == 2:
        mapping.setdefault(words[-1], new.split()[-1])
    return new


def _vary_number(rng: random.Random, m: re.Match[str]) -> str:
    raw = m.group(0)
    digits = m.group(1).replace(",", "")
    value = int(digits)
    if 1900 <= value <= 2100 and "," not in m.group(1) and "." not in raw:
        return raw  # a year: dates are shifted separately
    if value < 10:
        return raw  # small counts keep their word-like role ("2 suspects")
    new = max(1, round(value * rng.uniform(0.6, 1.6)))
    text = f"{new:,}" if "," in m.group(1) else str(new)
    return text + raw[len(m.group(1)):]


def _shift_dates(text: str, delta: dt.timedelta) -> str:
    def shift(m: re.Match[str]) -> str:
        try:
            day = dt.date(int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2)))
        except ValueError:
            return m.group(0)
        new = day + delta
        return f"{MONTHS[new.month - 1]} {new.day}, {new.year}"

    return _DATE.sub(shift, text)


def vary(rng: random.Random, src: SourceArticle, published: dt.date) -> tuple[str, str]:
    """A new article from ``src``: (title, body) with names, figures and dates varied."""
    mapping: dict[str, str] = {}
    text = src.text
    if src.published is not None:
        text = _shift_dates(text, published - src.published)
    text = _NAME.sub(lambda m: _vary_name(rng, m.group(0), mapping), text)
    text = _NUMBER.sub(lambda m: _vary_number(rng, m), text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and _DATE.fullmatch(lines[1 if len(lines) > 1 else 0].strip().rstrip(".")):
        del lines[1 if len(lines) > 1 else 0]  # the source's dateline: the manifest has the date
    title = lines[0].strip() if lines else "Untitled"
    return title, "\n".join(lines[1:]) + "\n"


# -- story clusters --------------------------------------------------------------------------

def _spell(rng: random.Random, n: int) -> str:
    return NUMBER_WORDS[n] if rng.random() < 0.8 else str(n)


def _visit_leads(rng: random.Random, agent: str, title: str, home: str, country: str, city: str, days: int,
                 weekday: str, date_text: str) -> list[str]:
    demonym = DEMONYM.get(home, home)
    d = _spell(rng, days)
    return [
        f"{demonym} {title} {agent} began a {d}-day visit to {country} on {weekday}, arriving in {city} for talks "
        f"on trade and security.",
        f"{agent}, the {demonym} {title.lower()}, arrived in {city} on {weekday} for a {d}-day visit to {country}.",
        f"{agent}'s {d}-day visit to {country} began on {date_text}, with talks in {city} on energy and transport.",
        f"{demonym} {title} {agent} paid a {d}-day visit to {country} on {weekday}, officials in {city} said.",
    ]


def _blast_leads(rng: random.Random, facility: str, city: str, country: str, toll: int, weekday: str) -> list[str]:
    return [
        f"An explosion at a {facility} in {city}, {country}, killed {toll} people on {weekday}, officials said.",
        f"The blast at the {facility} in {city} killed {toll} people, rescue officials said on {weekday}.",
        f"At least {toll} people were killed when an explosion tore through a {facility} in {city} on {weekday}.",
    ]


class Generator:
    def __init__(self, n: int, dest: Path, seed: int, cluster_share: float) -> None:
        self.n, self.dest, self.seed, self.cluster_share = n, dest, seed, cluster_share
        self.rng = random.Random(seed)
        self.sources = all_sources()
        self.truth = Truth(n, seed)
        self.manifest: dict[int, list[str]] = {}
        self.count = 0
        self.used_agents: set[str] = set()

    def _path(self, index: int) -> tuple[Path, str]:
        shard = f"s{index // SHARD:04d}"
        return self.dest / shard / f"a{index:06d}.txt", f"{shard}/a{index:06d}"

    def write(self, title: str, body: str, published: dt.date, outlet: str) -> str:
        index = self.count
        self.count += 1
        path, aid = self._path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"{title}\n\n{body}"
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.truth.bytes += len(data)
        safe_title = title.replace("\\", "\\\\").replace('"', '\\"')
        self.manifest.setdefault(index // SHARD, []).append(
            f'[articles."{path.name}"]\ntitle = "{safe_title}"\nsource = "{outlet}"\npublished = {published.isoformat()}\n')
        return aid

    def _agent(self) -> tuple[str, str]:
        for _ in range(1000):
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            if f"{first} {last}" not in self.used_agents:
                break
        self.used_agents.add(f"{first} {last}")
        return first, last

    def _body(self, published: dt.date) -> tuple[str, str]:
        return vary(self.rng, self.rng.choice(self.sources), published)

    def filler(self) -> None:
        published = dt.date(2015, 1, 1) + dt.timedelta(days=self.rng.randrange(3650))
        title, body = self._body(published)
        self.write(title, body, published, self.rng.choice(OUTLETS))

    def cluster(self, size: int) -> None:
        cid = f"C{self.truth.clusters + 1}"
        self.truth.clusters += 1
        self.truth.cluster_articles += size
        event_day = dt.date(2015, 1, 1) + dt.timedelta(days=self.rng.randrange(3650))
        outlets = self.rng.sample(OUTLETS, size)
        kind = self.rng.choice(["visit", "visit", "blast"])
        planted = self.rng.random() < 0.5
        ids: list[str] = []
        # The outlets of one happening tell it alike: every article of the cluster carries the
        # same body (one varied source article), as rewrites of one wire report do, so that
        # grouping articles into stories by what they say finds the cluster.
        _, body = self._body(event_day)
        if kind == "visit":
            first, last = self._agent()
            agent = f"{first} {last}"
            home = self.rng.choice(HOME)
            country = self.rng.choice([c for c in COUNTRIES if c != home])
            city, title = CAPITALS[country], self.rng.choice(TITLES)
            days = self.rng.choice([2, 3, 4, 5])
            conflict = self.rng.choice(["length", "date", "spelling"]) if planted else None
            values: list[str] = []
            for i, outlet in enumerate(outlets):
                published = event_day + dt.timedelta(days=self.rng.choice([0, 1, 1, 2]))
                day = event_day
                d = days
                name = agent
                if i == 0 and conflict == "length":
                    d = days + self.rng.choice([-1, 1, 2]) if days > 2 else days + 1
                if i == 0 and conflict == "date":
                    day = event_day - dt.timedelta(days=self.rng.choice([2, 3]))
                    published = max(published, event_day)
                if i == 0 and conflict == "spelling":
                    name = f"{VARIANTS.get(first, first)} {last}" if first in VARIANTS else \
                        f"{first} {_variant_last(last)}"
                weekday = WEEKDAYS[day.weekday()]
                date_text = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
                leads = _visit_leads(self.rng, name, title, home, country, city, d, weekday, date_text)
                if conflict == "date" and i == 0:
                    lead = leads[2]  # the absolute date, so that the odd day is explicit
                elif conflict == "date" and i == 1:
                    lead = leads[0]
                else:
                    lead = self.rng.choice(leads)
                if conflict == "length":
                    values.append(f"{d} days")
                elif conflict == "date":
                    values.append(day.isoformat())
                elif conflict == "spelling":
                    values.append(name)
                head = f"{last} in {country} for {NUMBER_WORDS.get(d, str(d))}-day visit"
                ids.append(self.write(head, lead + "\n" + body, published, outlet))
            if conflict:
                rule = {"length": "DU01", "date": "DT01", "spelling": "NM01"}[conflict]
                self._plant(conflict, rule, cid, ids, values, f"{agent}'s visit to {country}")
        else:
            facility, country = self.rng.choice(FACILITIES), self.rng.choice(COUNTRIES)
            city = CAPITALS[country]
            toll = self.rng.randrange(8, 400)
            delay = self.rng.choice([0, 0, 1])
            odd = max(2, round(toll * self.rng.choice([0.3, 0.4, 2.0, 2.5]))) if planted else toll
            values = []
            for i, outlet in enumerate(outlets):
                # One publication day for the whole cluster: a toll that rises in a later report
                # is an update (reported as a variant), not the conflict planted here.
                published = event_day + dt.timedelta(days=delay)
                n = odd if (planted and i == 0) else toll
                values.append(str(n))
                leads = _blast_leads(self.rng, facility, city, country, n, WEEKDAYS[event_day.weekday()])
                # A planted conflict must be one: the odd toll is stated exactly, and "at least
                # <toll>" elsewhere only when the odd toll is below it (a higher exact toll would
                # agree with a lower bound).
                if planted and (i == 0 or odd > toll):
                    leads = [lead for lead in leads if not lead.startswith("At least")]
                lead = self.rng.choice(leads)
                ids.append(self.write(f"Deadly blast at {facility} in {city}", lead + "\n" + body, published, outlet))
            if planted:
                self._plant("count", "CT01", cid, ids, values, f"people killed in the {facility} blast in {city}")

    def _plant(self, kind: str, rule: str, cid: str, ids: list[str], values: list[str], label: str) -> None:
        self.truth.planted.append(Planted(f"P{len(self.truth.planted) + 1}", kind, rule, cid, ids, values, label))

    def run(self) -> Truth:
        self.dest.mkdir(parents=True, exist_ok=True)
        # A step writes a cluster (3.4 articles on average) with probability p, else one article:
        # p chosen so that cluster articles make up about cluster_share of the corpus.
        share = min(max(self.cluster_share, 0.0), 0.95)
        p = share / (CLUSTER_MEAN - share * (CLUSTER_MEAN - 1))
        while self.count < self.n:
            left = self.n - self.count
            if left >= 2 and self.rng.random() < p:
                self.cluster(min(left, self.rng.choice(CLUSTER_SIZES)))
            else:
                self.filler()
        for shard, entries in self.manifest.items():
            (self.dest / f"s{shard:04d}" / "corpus.toml").write_text(
                "# factlint benchmark corpus (tests/benchmarks/generate.py)\n\n" + "\n".join(entries), "utf-8")
        (self.dest / "ground_truth.json").write_text(
            json.dumps(asdict(self.truth), indent=1, sort_keys=True), "utf-8")
        return self.truth


def _variant_last(last: str) -> str:
    for a, b in LAST_VARIANTS.items():
        if last.endswith(a):
            return last[: -len(a)] + b
    return last[:-1] + ("y" if last.endswith("i") else "i") if last[-1] in "iy" else last + "e"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("dest", type=Path, help="output directory (created; must be empty or absent)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cluster-share", type=float, default=0.4,
                        help="share of the articles in story clusters (default 0.4)")
    args = parser.parse_args(argv)
    if args.dest.exists() and any(args.dest.iterdir()):
        print(f"generate: {args.dest} is not empty", file=sys.stderr)
        return 2
    start = time.perf_counter()
    truth = Generator(args.n, args.dest, args.seed, args.cluster_share).run()
    print(f"wrote {truth.n_articles} articles ({truth.bytes / 1e6:.1f} MB) to {args.dest} in "
          f"{time.perf_counter() - start:.1f}s: {truth.clusters} story clusters "
          f"({truth.cluster_articles} articles), {len(truth.planted)} planted conflicts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
