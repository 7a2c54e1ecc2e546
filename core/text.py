"""Pure text helpers that follow Turkish rules."""

import re

# Turkish has two i's: dotted i/İ and dotless ı/I. Every other letter pairs as Unicode says.
_TURKISH_PAIRS = {"i": "iİ", "İ": "iİ", "ı": "ıI", "I": "ıI"}


def turkish_search_pattern(term: str) -> str:
    """Return a case-sensitive regex that finds `term` in any case, the Turkish way.

    "istanbul" finds "İstanbul" but not "Istanbul" (which is "ıstanbul"); "IĞDIR" finds "Iğdır".
    Used with a `__regex` lookup, so the database's own case rules (locale-dependent) play no part.
    """
    parts = []
    for char in term.strip():
        if char in _TURKISH_PAIRS:
            parts.append(f"[{_TURKISH_PAIRS[char]}]")
        elif char.lower() != char.upper():
            parts.append(f"[{re.escape(char.lower())}{re.escape(char.upper())}]")
        else:
            parts.append(re.escape(char))
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
