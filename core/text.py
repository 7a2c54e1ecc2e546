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


# The Turkish alphabet, with q, w and x where Turkish dictionaries put foreign words' letters.
_TURKISH_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_TURKISH_RANK = {letter: index for index, letter in enumerate(_TURKISH_ALPHABET)}


def turkish_sort_key(text: str) -> tuple[tuple[int, int], ...]:
    """Return a key that sorts text in Turkish alphabetical order, case-insensitively.

    "Çorum" comes after "Cizre" and before "Denizli", "Iğdır" (dotless I) before "İzmir"; letters
    outside the alphabet (digits, spaces, punctuation) come first, in code-point order.
    """
    return tuple((1, _TURKISH_RANK[c]) if c in _TURKISH_RANK else (0, ord(c)) for c in turkish_lower(text or ""))
