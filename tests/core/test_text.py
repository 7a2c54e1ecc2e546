"""Turkish-aware search: İ/i and I/ı are pairs; a letter typed without its Turkish mark finds the marked one."""

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core.text import SOFT_HYPHEN, turkish_hyphenate, turkish_lower, turkish_search_pattern, turkish_syllables


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("istanbul", "İstanbul İl Göç İdaresi", True),
        ("İSTANBUL", "istanbul", True),
        ("İstanbul", "Istanbul", False),  # I is the capital of ı, not of İ
        ("istanbul", "Istanbul", True),  # typed without marks, i also finds ı and I
        ("siginma", "Sığınma talepleri", True),
        ("SIGINMA", "sığınma", True),
        ("gocmen", "Düzensiz GÖÇMEN", True),
        ("şube", "Sube", False),  # a marked letter finds only itself
        ("ığdır", "IĞDIR İl Göç İdaresi Müdürlüğü", True),
        ("göç", "GÖÇ YÖNETİMİ", True),
        ("yönetimi", "GÖÇ YÖNETİMİ", True),
        ("ikamet", "Aktif İkamet izni sayısı", True),
        ("(YİMER", "Yabancılar İletişim Merkezi (YİMER 157)’ne", True),  # regex characters are literal
        ("1.009", "1009", False),
    ],
)
def test_search_pattern(term, text, found):
    assert bool(re.search(turkish_search_pattern(term), text)) is found


letters = st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Zs", "Po")), max_size=20)


@given(letters)
def test_every_text_finds_itself_in_turkish_lower_case(text):
    assume(all(len(turkish_lower(c)) == 1 and len(c.upper()) == 1 for c in text))
    stripped = text.strip()
    pattern = turkish_search_pattern(stripped)
    assert re.search(pattern, stripped)
    assert re.search(pattern, turkish_lower(stripped))


def test_turkish_lower():
    assert turkish_lower("İSTANBUL IĞDIR") == "istanbul ığdır"


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("Gerçekleşme", ["Ger", "çek", "leş", "me"]),
        ("Hedeflenen", ["He", "def", "le", "nen"]),
        ("Göstergesi", ["Gös", "ter", "ge", "si"]),
        ("Türkçe", ["Türk", "çe"]),
        ("saat", ["sa", "at"]),
        ("kapı", ["ka", "pı"]),
        ("İstanbul", ["İs", "tan", "bul"]),
        ("Ödenek", ["Ö", "de", "nek"]),
        ("yıl", ["yıl"]),
        ("2024", ["2024"]),
        ("Form-4", ["Form-4"]),
    ],
)
def test_turkish_words_split_into_their_syllables(word, syllables):
    assert turkish_syllables(word) == syllables
    assert "".join(turkish_syllables(word)) == word


def test_only_long_words_get_soft_hyphens_and_the_text_reads_the_same_without_them():
    text = "Yıl sonu Gerçekleşme Değeri (Form-4)"
    hyphenated = turkish_hyphenate(text)
    assert hyphenated == "Yıl sonu Ger\u00adçek\u00adleş\u00adme Değeri (Form-4)"
    assert hyphenated.replace(SOFT_HYPHEN, "") == text
