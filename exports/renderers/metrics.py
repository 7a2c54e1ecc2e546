"""How wide a text is in DejaVu Sans, the font of the Word exports: the advance widths of its glyphs.

Pure: the tables hold the advance width of each character the exports write (ASCII, the Turkish
letters, the dashes and marks; in the order of `_CHARS`), in thousandths of an em, as read from
Debian's fonts-dejavu-core (DejaVuSans.ttf and DejaVuSans-Bold.ttf, 2048 units per em). A character
not in the table counts as the widest one. DejaVu Sans is wider than most office fonts, so a width
measured here is enough for a template that uses Arial or Calibri too.
"""

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "ÇçĞğİıÖöŞşÜüÂâÎîÛû†—–·…’‘“”"
)


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(number) for number in text.split())


_REGULAR = _numbers(
    """
    318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636
    636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603
    787 695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278
    278 579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838 698 550 775 635
    295 278 787 612 635 521 732 634 684 613 295 278 732 634 500 1000 500 318 1000 318 318 518 518
"""
)
_BOLD = _numbers(
    """
    348 456 521 838 696 1002 872 306 457 457 523 838 380 415 380 365 696 696 696 696 696 696 696 696
    696 696 400 400 838 838 838 580 1000 774 762 734 830 683 683 821 837 372 372 775 637 995 837 850
    733 850 770 720 682 812 774 1103 771 724 725 457 365 457 838 500 500 675 716 593 716 678 435 716
    712 343 343 665 343 1042 712 687 716 716 493 595 478 712 652 924 645 652 582 712 365 712 838 734
    593 821 716 372 343 850 687 720 595 812 712 774 675 372 343 812 712 500 1000 500 380 1000 380 380
    657 657
"""
)
_WIDTHS = {False: dict(zip(_CHARS, _REGULAR, strict=True)), True: dict(zip(_CHARS, _BOLD, strict=True))}
_WIDEST = {False: max(_REGULAR), True: max(_BOLD)}
_POINT_MM = 25.4 / 72


def text_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the width of `text` on one line in DejaVu Sans at `size_pt` points, in millimetres."""
    widths, widest = _WIDTHS[bold], _WIDEST[bold]
    ems = sum(widths.get(char, widest) for char in text) / 1000
    return ems * size_pt * _POINT_MM


def longest_word_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the width of the widest word of `text` (where a line may break: at its spaces)."""
    return max((text_mm(word, size_pt, bold=bold) for word in text.split()), default=0.0)
