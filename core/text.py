"""Pure text helpers that follow Turkish rules."""

import itertools
import re

# Turkish has two i's: dotted i/İ and dotless ı/I. Every other letter pairs as Unicode says.
_TURKISH_PAIRS = {"i": "iİ", "İ": "iİ", "ı": "ıI", "I": "ıI"}
# A letter typed without its Turkish mark (on a keyboard without them, or in haste) also finds
# the marked letter: "siginma" finds "Sığınma", "gocmen" finds "Göçmen". A marked letter typed
# finds only itself ("ş" does not find "s").
_UNMARKED_TWINS = {"c": "çÇ", "g": "ğĞ", "i": "ıI", "o": "öÖ", "s": "şŞ", "u": "üÜ"}


def turkish_search_pattern(term: str) -> str:
    """Return a case-sensitive regex that finds `term` in any case and without Turkish marks, the Turkish way.

    "istanbul" finds "İstanbul"; "İstanbul" does not find "Istanbul" (which is "ıstanbul");
    "IĞDIR" finds "Iğdır"; "siginma" finds "Sığınma". Used with a `__regex` lookup, so the
    database's own case rules (locale-dependent) play no part.
    """
    parts = []
    for char in term.strip():
        if char in _TURKISH_PAIRS:
            letters = _TURKISH_PAIRS[char] + _UNMARKED_TWINS.get(char, "")
        elif char.lower() != char.upper():
            letters = char.lower() + char.upper() + _UNMARKED_TWINS.get(char.lower(), "")
        else:
            parts.append(re.escape(char))
            continue
        parts.append("[" + "".join(re.escape(letter) for letter in letters) + "]")
    return "".join(parts)


def turkish_lower(text: str) -> str:
    """Lower-case text the Turkish way (İ → i, I → ı)."""
    return text.replace("İ", "i").replace("I", "ı").lower()


# The Turkish alphabet's order; spaces, digits and punctuation sort before it, letters outside it
# (q, w, x, accented) after it, both by code point.
_TURKISH_ALPHABET = "abcçdefgğhıijklmnoöprsştuüvyz"
_TURKISH_RANK = {char: rank for rank, char in enumerate(_TURKISH_ALPHABET)}


def turkish_sort_key(text: str) -> tuple[int, ...]:
    """Return a key that sorts text as a Turkish dictionary does (ç after c, ı before i, İ as i)."""
    after = len(_TURKISH_ALPHABET)
    return tuple(
        _TURKISH_RANK.get(char, after + ord(char) if char.isalpha() else ord(char) - 0x110000)
        for char in turkish_lower(text)
    )


_VOWELS = set("aeıioöuüAEIİOÖUÜâîûÂÎÛ")
SOFT_HYPHEN = "\u00ad"


def turkish_syllables(word: str) -> list[str]:
    """Split a Turkish word into its syllables: "Gerçekleşme" → Ger·çek·leş·me.

    Every syllable has one vowel; of the consonants between two vowels, the last one begins the
    next syllable (ka·pı, ger·çek, Türk·çe). A word with a non-letter in it, or of one syllable,
    comes back whole.
    """
    if not word.isalpha():
        return [word]
    vowels = [index for index, char in enumerate(word) if char in _VOWELS]
    if len(vowels) < 2:
        return [word]
    cuts = []
    for left, right in itertools.pairwise(vowels):
        consonants = right - left - 1
        cuts.append(right if consonants == 0 else right - 1)
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def turkish_hyphenate(text: str, *, min_length: int = 8) -> str:
    """Return text with soft hyphens between the syllables of its long words, for narrow table headers.

    A renderer breaks a word only there (Gerçek-leşme), never inside a syllable (Gerçekle/şme);
    short words and anything that is not a plain word are left as they are.
    """
    return re.sub(
        r"\w+",
        lambda m: SOFT_HYPHEN.join(turkish_syllables(m.group())) if len(m.group()) >= min_length else m.group(),
        text,
    )
