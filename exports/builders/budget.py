"""The budget tables (Tablo 7–13) from the stored budget aggregates."""

from decimal import Decimal

from django.utils.translation import gettext as _

from budget.calculations import change_percent
from budget.choices import PATH_SEPARATOR
from exports.builders.common import csv_number, csv_rate
from exports.builders.layout import NUMBER, PERCENT, TEXT, Column, Document, Export, Row, Section, Table
from exports.selectors import BudgetFiguresRow

ECONOMIC_CSV_HEADER = [
    "year",
    "econ_code",
    "description",
    "kbo",
    "added",
    "deducted",
    "total",
    "spent",
    "remaining",
    "realization_pct",
    "prev_kbo",
    "kbo_change_pct",
    "next_kbo",
]
PROGRAM_CSV_HEADER = [
    "year",
    "level",
    "name",
    "parent",
    "kbo",
    "total",
    "spent",
    "spent_to_kbo_pct",
    "spent_to_total_pct",
]
UNIT_CSV_HEADER = ["year", "unit_code", "unit", "kbo", "total", "spent", "spent_to_kbo_pct", "spent_to_total_pct"]


def _change(previous: Decimal | None, current: Decimal | None) -> Decimal | None:
    if previous is None or current is None:
        return None
    return change_percent(previous, current)


def _split(rows: list[BudgetFiguresRow]) -> tuple[list[BudgetFiguresRow], BudgetFiguresRow | None]:
    total = next((row for row in rows if row.level == "total"), None)
    return [row for row in rows if row.level != "total"], total


def budget_economic_export(*, rows: list[BudgetFiguresRow], year: int, administration: str) -> Export:
    """Return Tablo 7, 8, 9 and, when next year's budget is known, Tablo 12 and 13."""
    lines, total = _split(rows)
    lines.sort(key=lambda row: row.key)
    with_total = [*lines, total] if total else lines
    total_label = _("Toplam")

    def first(row: BudgetFiguresRow) -> list:
        return [row.key if row.level != "total" else "", row.name if row.level != "total" else total_label]

    code_columns = [Column(_("Ekonomik Kod"), TEXT, 10), Column(_("Açıklama"), TEXT, 32)]
    kbo = _("%(year)s KBÖ")
    tables = [
        Table(
            title=_("Tablo 7. %(previous)s-%(year)s Mali Yılları Bütçe Ödenekleri Karşılaştırması")
            % {"previous": year - 1, "year": year},
            columns=[
                *code_columns,
                Column(kbo % {"year": year - 1}, NUMBER, 18),
                Column(kbo % {"year": year}, NUMBER, 18),
                Column(_("Artış (%)"), PERCENT, 10),
            ],
            sections=[
                Section(
                    rows=[
                        Row(
                            [*first(r), r.previous_initial, r.initial, r.initial_change_pct],
                            emphasis=r.level == "total",
                        )
                        for r in with_total
                    ]
                )
            ],
            sheet="Tablo 7",
        ),
        Table(
            title=_("Tablo 8. %(year)s Mali Yılı Bütçesinin Ekonomik Sınıflandırma Bazında Ödenek Dağılımı")
            % {"year": year},
            columns=[*code_columns, Column(kbo % {"year": year}, NUMBER, 18)],
            sections=[Section(rows=[Row([*first(r), r.initial], emphasis=r.level == "total") for r in with_total])],
            sheet="Tablo 8",
        ),
        Table(
            title=_("Tablo 9. %(year)s Yılı Bütçe Gerçekleşme Durumu") % {"year": year},
            columns=[
                *code_columns,
                Column(_("KBÖ"), NUMBER, 16),
                Column(_("Eklenen Ödenek"), NUMBER, 16),
                Column(_("Düşülen Ödenek"), NUMBER, 16),
                Column(_("Toplam Ödenek"), NUMBER, 16),
                Column(_("Harcama"), NUMBER, 16),
                Column(_("Kalan"), NUMBER, 16),
                Column(_("Gerçekleşme Yüzdesi (%)"), PERCENT, 11),
            ],
            sections=[
                Section(
                    rows=[
                        Row(
                            [
                                *first(r),
                                r.initial,
                                r.additions,
                                r.deductions,
                                r.total,
                                r.spending,
                                r.remaining,
                                r.realization_pct,
                            ],
                            emphasis=r.level == "total",
                        )
                        for r in with_total
                    ]
                )
            ],
            sheet="Tablo 9",
        ),
    ]
    if any(r.next_initial is not None for r in with_total):
        tables += [
            Table(
                title=_("Tablo 12. %(year)s Mali Yılı Bütçe Ödenekleri") % {"year": year + 1},
                columns=[*code_columns, Column(kbo % {"year": year + 1}, NUMBER, 18)],
                sections=[
                    Section(rows=[Row([*first(r), r.next_initial], emphasis=r.level == "total") for r in with_total])
                ],
                sheet="Tablo 12",
            ),
            Table(
                title=_("Tablo 13. %(year)s-%(next)s Mali Yılları Bütçe Ödenekleri Karşılaştırması")
                % {"year": year, "next": year + 1},
                columns=[
                    *code_columns,
                    Column(kbo % {"year": year}, NUMBER, 18),
                    Column(kbo % {"year": year + 1}, NUMBER, 18),
                    Column(_("Artış (%)"), PERCENT, 10),
                ],
                sections=[
                    Section(
                        rows=[
                            Row(
                                [*first(r), r.initial, r.next_initial, _change(r.initial, r.next_initial)],
                                emphasis=r.level == "total",
                            )
                            for r in with_total
                        ]
                    )
                ],
                sheet="Tablo 13",
            ),
        ]
    csv_rows = [
        [
            year,
            r.key if r.level != "total" else "",
            r.name if r.level != "total" else total_label,
            csv_number(r.initial),
            csv_number(r.additions),
            csv_number(r.deductions),
            csv_number(r.total),
            csv_number(r.spending),
            csv_number(r.remaining),
            csv_rate(r.realization_pct),
            csv_number(r.previous_initial),
            csv_rate(r.initial_change_pct),
            csv_number(r.next_initial),
        ]
        for r in with_total
    ]
    document = Document(
        title=_("Ekonomik sınıflandırmaya göre bütçe — %(year)s") % {"year": year},
        subtitle=administration,
        tables=tables,
    )
    return Export(document=document, csv_header=ECONOMIC_CSV_HEADER, csv_rows=csv_rows)


def _spending_columns(first_label: str) -> list[Column]:
    return [
        Column(first_label, TEXT, 46),
        Column(_("Ödenek (KBÖ) (TL)"), NUMBER, 18),
        Column(_("Yıl sonu Toplam Ödenek (TL)"), NUMBER, 18),
        Column(_("Gerçekleşme (TL)"), NUMBER, 18),
        Column(_("Gerçekleşme/Ödenek (KBÖ) (%)"), PERCENT, 12),
        Column(_("Gerçekleşme/Toplam Ödenek (%)"), PERCENT, 12),
    ]


def _spending_cells(row: BudgetFiguresRow, label: str) -> list:
    return [label, row.initial, row.total, row.spending, row.spent_to_initial_pct, row.realization_pct]


def _last(path: str) -> str:
    return path.rsplit(PATH_SEPARATOR, 1)[-1]


def budget_program_export(*, rows: list[BudgetFiguresRow], year: int, administration: str) -> Export:
    """Return Tablo 10: programmes, their sub-programmes and activities, then the grand total."""
    lines, total = _split(rows)
    children: dict[str, list[BudgetFiguresRow]] = {}
    for row in lines:
        children.setdefault(row.parent_key, []).append(row)
    ordered: list[BudgetFiguresRow] = []

    def walk(parent: str) -> None:
        for row in sorted(children.get(parent, []), key=lambda r: r.key):
            ordered.append(row)
            walk(row.key)

    for program in sorted((r for r in lines if r.level == "program"), key=lambda r: r.key):
        ordered.append(program)
        walk(program.key)
    depth = {"program": 0, "sub_program": 1, "activity": 2}
    grand_total = _("GENEL TOPLAM")
    table_rows = [
        Row(_spending_cells(r, _last(r.key)), emphasis=r.level == "program", level=depth.get(r.level, 0))
        for r in ordered
    ]
    if total:
        table_rows.append(Row(_spending_cells(total, grand_total), emphasis=True))
    table = Table(
        title=_("Tablo 10. Faaliyet Düzeyinde Ödenek ve Harcama Verileri"),
        columns=_spending_columns(_("Program Sınıflandırması")),
        sections=[Section(rows=table_rows)],
        sheet="Tablo 10",
    )
    csv_rows = [
        [
            year,
            r.level,
            _last(r.key) if r.level != "total" else grand_total,
            _last(r.parent_key),
            csv_number(r.initial),
            csv_number(r.total),
            csv_number(r.spending),
            csv_rate(r.spent_to_initial_pct),
            csv_rate(r.realization_pct),
        ]
        for r in ([*ordered, total] if total else ordered)
    ]
    document = Document(
        title=_("Program düzeyinde bütçe — %(year)s") % {"year": year}, subtitle=administration, tables=[table]
    )
    return Export(document=document, csv_header=PROGRAM_CSV_HEADER, csv_rows=csv_rows)


def budget_unit_export(*, rows: list[BudgetFiguresRow], year: int, administration: str) -> Export:
    """Return Tablo 11: every spending unit in the administration's own order (then its code), then the grand total."""
    lines, total = _split(rows)
    lines.sort(key=lambda row: (row.seq, row.key))
    grand_total = _("GENEL TOPLAM")
    table_rows = [Row(_spending_cells(r, r.name)) for r in lines]
    if total:
        table_rows.append(Row(_spending_cells(total, grand_total), emphasis=True))
    table = Table(
        title=_("Tablo 11. Birim Düzeyinde Ödenek ve Harcama Verileri"),
        columns=_spending_columns(_("Kurumsal Sınıflandırma")),
        sections=[Section(rows=table_rows)],
        sheet="Tablo 11",
    )
    csv_rows = [
        [
            year,
            r.key if r.level != "total" else "",
            r.name if r.level != "total" else grand_total,
            csv_number(r.initial),
            csv_number(r.total),
            csv_number(r.spending),
            csv_rate(r.spent_to_initial_pct),
            csv_rate(r.realization_pct),
        ]
        for r in ([*lines, total] if total else lines)
    ]
    document = Document(
        title=_("Birim düzeyinde bütçe — %(year)s") % {"year": year}, subtitle=administration, tables=[table]
    )
    return Export(document=document, csv_header=UNIT_CSV_HEADER, csv_rows=csv_rows)
