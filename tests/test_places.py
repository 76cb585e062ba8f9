"""Places resolve to their country from rules/places.tsv; sentences written for these tests."""
import importlib.util
from pathlib import Path

import pytest

from analysis.rules import country_currency
from analysis.reading import countries
from analysis.reading.places import find_places


def _isos(text, lang):
    return [(name, iso) for _, _, iso, name in find_places(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("Coal shipments from the Karaganda region rose by a fifth.", "en", [("Karaganda region", "KAZ")]),
    ("A ferry now links Haikou with Vietnamese ports.", "en", [("Haikou", "CHN")]),
    ("Hainan province signed a fruit deal.", "en", [("Hainan province", "CHN")]),
    ("Xinjiang sent more cotton west.", "en", [("Xinjiang", "CHN")]),
    ("Bavaria's carmakers import Hungarian parts.", "en", [("Bavaria", "DEU")]),
    ("Tashkent region grows apricots for export.", "en", [("Tashkent region", "UZB")]),
    ("Товарооборот Карагандинской области вырос на 12%.", "ru", [("Карагандинской области", "KAZ")]),
    ("В Карагандинскую область завезли станки.", "ru", [("Карагандинскую область", "KAZ")]),
    ("Инвестиции в Ленинградской области удвоились.", "ru", [("Ленинградской области", "RUS")]),
    ("Экспорт Приморского края в Японию снизился.", "ru", [("Приморского края", "RUS")]),
    ("Алматинская область поставила зерно.", "ru", [("Алматинская область", "KAZ")]),
    ("Рынки Синьцзяна открыты для казахстанских товаров.", "ru", [("Синьцзяна", "CHN")]),
])
def test_places_resolve(text, lang, expected):
    assert _isos(text, lang) == expected


def test_shared_name_is_found_but_not_resolved():
    # Punjab is a state of India and a province of Pakistan.
    assert _isos("Punjab farmers exported rice.", "en") == [("Punjab", None)]


def test_country_names_and_common_words_are_not_places():
    # Georgia the country wins over the US state: the collision check drops the state's name.
    assert find_places("Georgia and the state of trade in general grew.", "en") == []
    assert find_places("the karaganda region", "en") == []  # English matches are case-sensitive


def test_unknown_language_finds_nothing():
    assert find_places("Karaganda region", "xx") == []


def test_country_currency():
    cur = country_currency()
    assert (cur["KAZ"], cur["NGA"], cur["KEN"]) == ("KZT", "NGN", "KES")
    assert "XXX" not in cur


def test_compass_and_generic_words_are_not_places():
    # Cameroon's North/South regions, Ghana's Central region, "Центральной" as a plain adjective.
    assert find_places("North and South America, Central Asia and Eastern Europe.", "en") == []
    assert find_places("экспорт в страны Центральной Азии", "ru") == []


@pytest.mark.parametrize("text, lang, expected", [
    # Russia's oblasts, krais, republics and okrugs, spelled back from ISO 3166-2's romanization
    ("Экспорт Курской области в Казахстан вырос.", "ru", [("Курской области", "RUS")]),
    ("В Тульскую область завезли турецкие станки.", "ru", [("Тульскую область", "RUS")]),
    ("Поставки из Республики Башкортостан и Татарстана выросли.", "ru",
     [("Республики Башкортостан", "RUS"), ("Татарстана", "RUS")]),
    ("Башкирия продала больше удобрений.", "ru", [("Башкирия", "RUS")]),
    ("Нефть Ханты-Мансийского автономного округа идёт в Китай.", "ru", [("Ханты-Мансийского автономного округа", "RUS")]),
    ("Газ из ХМАО и ЯНАО.", "ru", [("ХМАО", "RUS"), ("ЯНАО", "RUS")]),
    ("Товарооборот Чеченской Республики и Чеченской республики.", "ru",
     [("Чеченской Республики", "RUS"), ("Чеченской республики", "RUS")]),
    ("Делегация Республики Марий Эл и Республики Северная Осетия — Алания.", "ru",
     [("Республики Марий Эл", "RUS"), ("Республики Северная Осетия — Алания", "RUS")]),
    ("Порт Санкт-Петербурга принял больше судов.", "ru", [("Санкт-Петербурга", "RUS")]),
    ("Еврейская автономная область поставляет сою.", "ru", [("Еврейская автономная область", "RUS")]),
    # Belarus, Kyrgyzstan, Kazakhstan, Ukraine: their ISO names romanize their own languages
    ("Гомельской области и Могилевской области.", "ru", [("Гомельской области", "BLR"), ("Могилевской области", "BLR")]),
    ("Брестская область и Могилёвская область.", "ru", [("Брестская область", "BLR"), ("Могилёвская область", "BLR")]),
    ("Чуйской области и Иссык-Кульской области.", "ru", [("Чуйской области", "KGZ"), ("Иссык-Кульской области", "KGZ")]),
    ("Жетысуская область и Улытауская область.", "ru", [("Жетысуская область", "KAZ"), ("Улытауская область", "KAZ")]),
    ("Зерно из Николаевской области.", "ru", [("Николаевской области", "UKR")]),
    # English, as news writes them
    ("Kursk region farmers shipped more sugar.", "en", [("Kursk region", "RUS")]),
    ("Minsk Region and Gomel region sell dairy to Russia.", "en", [("Minsk Region", "BLR"), ("Gomel region", "BLR")]),
    ("Primorsky Krai and the Khabarovsk Territory trade with China.", "en",
     [("Primorsky Krai", "RUS"), ("Khabarovsk Territory", "RUS")]),
    ("Nizhny Novgorod Oblast and Bashkortostan.", "en", [("Nizhny Novgorod Oblast", "RUS"), ("Bashkortostan", "RUS")]),
    ("Issyk-Kul region and Mykolaiv Oblast.", "en", [("Issyk-Kul region", "KGZ"), ("Mykolaiv Oblast", "UKR")]),
])
def test_regions_of_russia_and_its_neighbours(text, lang, expected):
    assert _isos(text, lang) == expected


def test_a_region_is_its_own_country_never_russia_by_its_shape():
    text = "Экспорт Минской области и Курской области, Приморского края, Республики Башкортостан, Башкортостана, Гомельской области вырос"
    found = [(m.text, m.iso3) for m in countries.find(text, "ru")]
    assert found == [("Минской области", "BLR"), ("Курской области", "RUS"), ("Приморского края", "RUS"),
                     ("Республики Башкортостан", "RUS"), ("Башкортостана", "RUS"), ("Гомельской области", "BLR")]
    # a "-ская область" in no table is no country at all (it was Russia by its ending)
    assert countries.find("Экспорт Энской области вырос", "ru") == []
    # the capital inside the region's name is the region
    assert [(m.text, m.iso3, m.form) for m in countries.find("Minsk region and Minsk", "en")] == [
        ("Minsk region", "BLR", "name"), ("Minsk", "BLR", "capital")]


def test_one_word_names_that_are_words_stay_out():
    # Afghanistan's Ghor is "Гор" (also "of mountains"): it is not declined into "Гора", "Горе"
    assert find_places("Горе и Гора", "ru") == []
    # "Алтай" (a republic, a krai, a Kazakh town, a Chinese prefecture) is only the full name
    assert _isos("Республика Алтай и Алтай", "ru") == [("Республика Алтай", "RUS")]


def _build():
    path = Path(__file__).resolve().parents[1] / "data" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("romanized, cyrillic", [
    ("Kurskaya", ["курская"]), ("Primorskiy", ["приморский"]), ("Tul'skaya", ["тульская"]),
    ("avtonomnyy", ["автономный"]), ("Yevreyskaya", ["еврейская"]), ("Ul'yanovskaya", ["ульяновская"]),
    ("Tyva", ["тыва"]), ("Khanty-Mansiyskiy", ["ханты-мансийский"]), ("El", ["эл", "ел"]),
    ("Lipetskaya", ["липецкая", "липетская"]), ("Karachayevo", ["карачаево"]),
])
def test_romanized_russian_is_spelled_back(romanized, cyrillic):
    assert _build()._cyrillic(romanized) == cyrillic


def test_romanized_names_are_confirmed_by_the_dictionary():
    pymorphy3 = pytest.importorskip("pymorphy3")
    build, morph = _build(), pymorphy3.MorphAnalyzer()
    assert build._from_romanized("Kurskaya oblast'", morph) == ("Курская область", True)
    assert build._from_romanized("Irkutskaya oblast'", morph) == ("Иркутская область", True)   # тс, not ц
    assert build._from_romanized("Adygeya, Respublika", morph) == ("Республика Адыгея", True)
    assert build._from_romanized("Mariy El, Respublika", morph)[1] is False   # hence romanized_ru.tsv
    assert "Республики Татарстан" in build._ru_forms("Республика Татарстан", morph)
    assert "Джамму и Кашмира" in build._ru_forms("Джамму и Кашмир", morph)
