"""Measure the import's upload limits: each hostile workbook read in a fresh process (peak RSS, time, message).

    python manage.py bench_upload [--dir FOLDER]

Builds the files (a 1 GB zip bomb of about 1 MB, a sheet of a million rows, too many parts, billion
laughs, a NaN cell, and the 2024 demo's workbook as the legitimate yardstick), then reads each one with
imports.workbook.read_workbook in its own Python process and prints its peak resident memory (the
kernel's VmHWM), the resident memory once the refusal is handled, the time and the first message.
A second run in one process reads the bomb three times to show the worker's memory comes back.
The figures are in docs/security.md.
"""

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand

from imports.dataset import read_csv_folder
from imports.demo import DEMO_DATA_DIR
from imports.workbook import workbook_build

READ = r"""
import gc, json, sys, time
import django
django.setup()
from imports.dataset import DatasetError
from imports.workbook import read_workbook

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) / 1024

before = status("VmHWM:")
results = []
for path in sys.argv[1:]:
    start = time.perf_counter()
    try:
        read_workbook(path)
        message = "read"
    except DatasetError as exc:
        message = str(exc.errors[0])
    elapsed = time.perf_counter() - start
    gc.collect()
    results.append({"seconds": round(elapsed, 2), "peak_mib": round(status("VmHWM:"), 1),
                    "rss_after_mib": round(status("VmRSS:"), 1), "message": message[:150]})
print(json.dumps({"startup_peak_mib": round(before, 1), "runs": results}))
"""


def _zip(path: Path, parts: dict[str, bytes], streamed: dict[str, tuple[bytes, int]] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        for name, (chunk, count) in (streamed or {}).items():
            with target.open(name, "w", force_zip64=True) as handle:
                for _ in range(count):
                    handle.write(chunk)
    return path


class Command(BaseCommand):
    help = "Measure the import's upload limits (docs/security.md)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="", help="where the files go (default: a new temporary folder)")

    def handle(self, *args, dir: str, **options):
        folder = Path(dir or tempfile.mkdtemp(prefix="bench-upload-"))
        folder.mkdir(parents=True, exist_ok=True)
        demo = workbook_build(read_csv_folder(DEMO_DATA_DIR).rows)
        source = zipfile.ZipFile(io.BytesIO(demo))
        parts = {item.filename: source.read(item.filename) for item in source.infolist()}
        (folder / "demo.xlsx").write_bytes(demo)
        units_part = "xl/worksheets/sheet2.xml"  # the first data sheet after the instructions
        header = (
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="A1:A1000001"/><sheetData>'
        )
        rows = b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>B%d</t></is></c></row>' % (n, n, n)
            for n in range(2, 1_000_002)
        )
        files = {
            "demo.xlsx": folder / "demo.xlsx",
            "bomb-1gb.xlsx": _zip(
                folder / "bomb-1gb.xlsx", parts, {"xl/media/bomb.bin": (b"\0" * (1024 * 1024), 1024)}
            ),
            "million-rows.xlsx": _zip(
                folder / "million-rows.xlsx",
                {
                    **parts,
                    units_part: header
                    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'
                    + rows
                    + b"</sheetData></worksheet>",
                },
            ),
            "million-short-rows.xlsx": _zip(
                folder / "million-short-rows.xlsx",
                {
                    **parts,
                    units_part: header
                    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'
                    + b"".join(b'<row r="%d"><c><v>1</v></c></row>' % n for n in range(2, 1_000_002))
                    + b"</sheetData></worksheet>",
                },
            ),
            "no-dimension-rows.xlsx": _zip(
                folder / "no-dimension-rows.xlsx",
                {
                    **parts,
                    units_part: header.replace(b'<dimension ref="A1:A1000001"/>', b"")
                    + b"".join(b'<row r="%d"><c><v>1</v></c></row>' % n for n in range(1, 1_000_001))
                    + b"</sheetData></worksheet>",
                },
            ),
            "many-parts.xlsx": _zip(
                folder / "many-parts.xlsx", {**parts, **{f"xl/p{i}.bin": b"x" for i in range(5000)}}
            ),
            "billion-laughs.xlsx": _zip(
                folder / "billion-laughs.xlsx",
                {
                    **parts,
                    units_part: b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lol">'
                    + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
                    + b"]>"
                    + header
                    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>',
                },
            ),
            "nan-cell.xlsx": _zip(
                folder / "nan-cell.xlsx",
                {**parts, units_part: header + b'<row r="1"><c r="A1"><v>NaN</v></c></row></sheetData></worksheet>'},
            ),
        }
        for name, path in files.items():
            figures = self._read([path])
            run = figures["runs"][0]
            self.stdout.write(
                f"{name:22} {path.stat().st_size / 1024:9.0f} KiB  peak {run['peak_mib']:6.1f} MiB "
                f"(start {figures['startup_peak_mib']:.1f})  after {run['rss_after_mib']:6.1f} MiB  "
                f"{run['seconds']:6.2f} s  {run['message']}"
            )
        again = self._read([files["bomb-1gb.xlsx"]] * 3 + [files["demo.xlsx"]] * 3)
        self.stdout.write("one process, bomb ×3 then demo ×3: " + json.dumps(again))

    def _read(self, paths: list[Path]) -> dict:
        result = subprocess.run(  # nosec B603 - our own interpreter on files we just wrote
            [sys.executable, "-c", READ, *map(str, paths)], capture_output=True, text=True, check=True, timeout=600
        )
        return json.loads(result.stdout.strip().splitlines()[-1])
