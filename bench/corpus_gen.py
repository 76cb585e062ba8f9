"""Generate a synthetic trade-news corpus (EN + RU) from this file's own sentence templates.

    python bench/corpus_gen.py 100000 bench/data/corpus-100k.jsonl

Deterministic (seeded). Each document has 3-8 sentences: trade statements with varied figures, scales,
currencies, periods, growth multipliers and country pairs, mixed with filler sentences without figures.
Nothing here is copied from real articles.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

COUNTRIES_EN = ["Kazakhstan", "Serbia", "Uzbekistan", "Turkey", "Germany", "China", "Georgia", "Azerbaijan",
                "Kyrgyzstan", "Hungary", "Italy", "Poland", "India", "Egypt"]
COUNTRIES_RU = ["Казахстаном", "Сербией", "Узбекистаном", "Турцией", "Германией", "Китаем", "Грузией",
                "Азербайджаном", "Кыргызстаном", "Венгрией", "Италией", "Польшей", "Индией", "Египтом"]
INDICATORS_EN = ["trade turnover", "exports", "imports", "bilateral trade", "mutual trade"]
INDICATORS_RU = ["товарооборот", "экспорт", "импорт", "взаимная торговля"]
PERIODS_EN = ["in {y}", "in 9 months of {y}", "in January–September {y}", "in the first half of {y}",
              "in Q1 {y}", "over the first quarter of {y}", "last year", "in January–June {y}"]
PERIODS_RU = ["в {y} году", "за 9 месяцев {y} года", "за январь–сентябрь {y} года", "в первом полугодии {y} года",
              "в I квартале {y} года", "за первый квартал {y} года", "в прошлом году"]
SCALES_EN = [("million", 1), ("billion", 1), ("mln", 1), ("bn", 1), ("thousand", 0)]
SCALES_RU = ["млн", "млрд", "миллиона", "миллиардов", "тыс."]
CURRENCIES_EN = ["US dollars", "USD", "dollars", "euros", "EUR", "tenge"]
CURRENCIES_RU = ["долларов США", "долл. США", "евро", "тенге", "рублей"]
FILLER_EN = [
    "The ministers discussed cooperation in transport and logistics.",
    "The sides agreed to hold the next meeting of the intergovernmental commission in the capital.",
    "Particular attention was paid to the digital economy and tourism.",
    "The delegation also visited an industrial park near the border.",
    "Both parties expressed interest in expanding cultural ties.",
]
FILLER_RU = [
    "Стороны обсудили сотрудничество в сфере транспорта и логистики.",
    "Министры договорились провести следующее заседание межправительственной комиссии.",
    "Особое внимание было уделено цифровой экономике и туризму.",
    "Делегация также посетила индустриальный парк.",
]


def _number(rng: random.Random, lang: str) -> str:
    x = rng.choice([rng.uniform(1, 999), rng.uniform(1, 99), rng.uniform(100, 9999)])
    text = f"{x:.1f}" if rng.random() < 0.7 else f"{x:.2f}"
    return text.replace(".", ",") if lang == "ru" else text


def sentence_en(rng: random.Random) -> str:
    a, b = rng.sample(COUNTRIES_EN, 2)
    ind = rng.choice(INDICATORS_EN)
    period = rng.choice(PERIODS_EN).format(y=rng.randint(2015, 2024))
    money = f"{_number(rng, 'en')} {rng.choice(SCALES_EN)[0]} {rng.choice(CURRENCIES_EN)}"
    if rng.random() < 0.2:
        money = f"${_number(rng, 'en')}{rng.choice(['M', 'bn', ' million', ' billion'])}"
    growth = rng.choice([
        "", f", {rng.choice(['up', 'down'])} {rng.randint(1, 90)}% year on year",
        f", which is {rng.randint(1, 9)}.{rng.randint(0, 9)} times higher than the same period last year",
        f", an increase of {rng.randint(1, 60)}.{rng.randint(0, 9)}%",
    ])
    return rng.choice([
        f"According to the results of {period[3:] if period.startswith('in ') else period}, the {ind} between {a} "
        f"and {b} amounted to {money}{growth}.",
        f"{a}'s {ind} with {b} reached {money} {period}{growth}.",
        f"The {ind} between {a} and {b} {period} stood at {money}{growth}.",
        f"{rng.randint(2, 400)} enterprises with capital from {b} operate in {a}.",
    ])


def sentence_ru(rng: random.Random) -> str:
    a, b = rng.sample(COUNTRIES_RU, 2)
    ind = rng.choice(INDICATORS_RU)
    period = rng.choice(PERIODS_RU).format(y=rng.randint(2015, 2024))
    money = f"{_number(rng, 'ru')} {rng.choice(SCALES_RU)} {rng.choice(CURRENCIES_RU)}"
    growth = rng.choice([
        "", f", что на {rng.randint(1, 90)}% больше, чем годом ранее",
        f", рост в {rng.randint(1, 9)},{rng.randint(0, 9)} раза",
        f", снизившись на {rng.randint(1, 40)},{rng.randint(0, 9)}%",
    ])
    return rng.choice([
        f"{period.capitalize()} {ind} между {a} и {b} составил {money}{growth}.",
        f"По итогам {period.split(' ', 1)[1]} {ind} между {a} и {b} достиг {money}{growth}.",
        f"{ind.capitalize()} между {a} и {b} {period} вырос до {money}{growth}.",
    ])


def document(rng: random.Random, i: int) -> dict:
    lang = "ru" if rng.random() < 0.4 else "en"
    make, filler = (sentence_ru, FILLER_RU) if lang == "ru" else (sentence_en, FILLER_EN)
    parts = [make(rng) if rng.random() < 0.6 else rng.choice(filler) for _ in range(rng.randint(3, 8))]
    day = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"text": " ".join(parts), "published": day, "source": f"synthetic-{i:07d}", "lang": lang}


def generate(n: int, seed: int = 20221106):
    rng = random.Random(seed)
    for i in range(n):
        yield document(rng, i)


def write(n: int, path: str | Path, seed: int = 20221106) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for doc in generate(n, seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = sys.argv[2] if len(sys.argv) > 2 else f"bench/data/corpus-{n}.jsonl"
    print(write(n, out))
