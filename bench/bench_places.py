"""Time find_places on a 16 KB input of each language (run by hand; numbers go to bench/RESULTS.md)."""
import time

from analysis.reading.places import find_places

TEXTS = {
    "en": "Coal from the Karaganda region and fruit from Hainan province reached Bavaria in May. ",
    "ru": "Товарооборот Карагандинской области и Приморского края вырос на 12% за год. ",
}

find_places("", "en"), find_places("", "ru")  # load and compile the table outside the timing
for lang, unit in TEXTS.items():
    text = (unit * (16384 // len(unit) + 1))[:16384]
    t0 = time.perf_counter()
    hits = find_places(text, lang)
    print(f"{lang}: 16 KB, {len(hits)} places, {1000 * (time.perf_counter() - t0):.1f} ms")
