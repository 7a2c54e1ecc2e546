"""The goal table of `make bench`: each benchmark records its goals, `bench_summary` prints them all.

A benchmark calls `goal_record` for each goal it measures (the goal in words, the figure measured in
the same run, met or not). The records go to the file named by the environment variable BENCH_RESULTS
(one JSON object a line; `make bench` empties it first); without it they are only printed by the
benchmark itself.
"""

import json
import os
import platform
from dataclasses import asdict, dataclass
from pathlib import Path

RESULTS_ENV = "BENCH_RESULTS"


@dataclass(frozen=True)
class Goal:
    goal: str
    measured: str
    met: bool | None  # None: measured, no goal to meet (context for the other rows)


def goal_record(goal: str, measured: str, met: bool | None) -> Goal:
    """Append one goal's figure to the results file of this `make bench` run (when there is one)."""
    record = Goal(goal, measured, met)
    path = os.environ.get(RESULTS_ENV)
    if path:
        with Path(path).open("a", encoding="utf-8") as results:
            results.write(json.dumps({**asdict(record), "load": load_average()}, ensure_ascii=False) + "\n")
    return record


def goals_read(path: str | Path) -> list[dict]:
    """Return the recorded goals of a results file, in the order they were measured."""
    file = Path(path)
    if not file.exists():
        return []
    records = []
    for line in file.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut short by a benchmark that died while writing
        if isinstance(record, dict):
            records.append(record)
    return records


# Issue 18's goals, each with words its benchmark's goal_record contains: bench_summary lists
# a goal no benchmark recorded in this run as "not measured" (a benchmark that failed, or not yet written).
EXPECTED_GOALS = (
    ("Form-3 save: at most 12 SQL statements whatever the rows (10 and 100)", "save"),
    ("Form-3 save CPU within 3 × the plain locked update and audit", "save cpu"),
    ("burst of 100 saves: at least half the trivial POST's throughput, 0 errors", "burst"),
    ("full recompute ≤ 3 × one GROUP BY", "full recompute"),
    ("recompute peak memory flat in the data size (largest ≤ 1,5 × smallest)", "peak"),
    ("every export's peak memory flat in its size", "export"),
    ("Form-4 PDF of 50.000 indicators under 1 GiB", "form4 pdf"),
    ("Form-3 of a unit with 500 indicators renders in under 150 ms", "form-3 of"),
    ("overview p95 ≤ 3 × trivial view's p95, 50 users", "overview p95"),
    ("drill-down p95 ≤ 3 × trivial view's p95, 50 users", "drill-down p95"),
    ("every page's SQL query count the same at the demo and the benchmark size", "every page"),
)


def goals_missing(records: list[dict]) -> list[dict]:
    """Return a "not measured" row for each expected goal whose words no record of the run contains."""
    recorded = [r["goal"].lower() for r in records]
    return [
        {"goal": goal, "measured": "not measured", "met": False, "load": ()}
        for goal, words in EXPECTED_GOALS
        if not any(words in name for name in recorded)
    ]


def met_text(met: bool | None) -> str:
    return "—" if met is None else ("yes" if met else "NO")


def goals_table(records: list[dict]) -> list[str]:
    """Return the goal | measured | met table (Markdown, so it pastes into docs/benchmarks.md)."""
    rows = [("goal", "measured", "met", "load"), *[
        (str(r.get("goal", "?")), str(r.get("measured", "?")), met_text(r.get("met")),
         " ".join(f"{x:.1f}" for x in r.get("load") or ())) for r in records
    ]]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return lines


def load_average() -> tuple[float, float, float]:
    """The machine's load average (1, 5, 15 minutes): quoted with every figure, the machine is shared."""
    return os.getloadavg()


def machine() -> str:
    """The machine in one line: processor, cores, memory, Python."""
    cpu = platform.processor() or platform.machine()
    with Path("/proc/cpuinfo").open() as info:
        cpu = next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), cpu)
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}"
