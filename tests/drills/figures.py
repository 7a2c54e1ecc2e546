"""How a drill prints its figures: a titled block of label/value rows (make drills shows them)."""

import os
import sys


def report(title: str, rows: list[tuple[str, object]]) -> None:
    """Print the drill's figures (run with -s to see them live); also append them to $DRILL_FIGURES."""
    width = max(len(label) for label, _ in rows)
    text = "\n".join([f"== {title} =="] + [f"  {label.ljust(width)}  {value}" for label, value in rows]) + "\n"
    sys.stdout.write("\n" + text)
    if os.environ.get("DRILL_FIGURES"):
        with open(os.environ["DRILL_FIGURES"], "a", encoding="utf-8") as figures:
            figures.write(text + "\n")
