"""The annual report's chapter built from hand-made rows, without a database (the builder is pure)."""

from decimal import Decimal

import pytest
from django.utils import translation

from exports.builders.annual_report import (
    AnnualInputs,
    Caption,
    FieldLines,
    Heading,
    NoteBlock,
    Paragraph,
    TableBlock,
    annual_report_export,
    caption_of,
    caption_text,
    outline,
)
from exports.selectors import BudgetFiguresRow, Form3Row, Form4Line, SPLine, SPTargetBlock, StructureRow
from reports.builders.printed_audit import Difference

YEAR = 2024
D = Decimal


@pytest.fixture(autouse=True)
def turkish():
    with translation.override("tr"):
        yield


def _budget(level: str, key: str, name: str, initial: str, spending: str) -> BudgetFiguresRow:
    return BudgetFiguresRow(
        level=level,
        key=key,
        parent_key="",
        name=name,
        initial=D(initial),
        additions=D("100"),
        deductions=D("50"),
        spending=D(spending),
        realization_pct=(D(spending) / (D(initial) + 50) * 100).quantize(D("0.01")),
        spent_to_initial_pct=None,
        previous_initial=D("800"),
        initial_change_pct=D("127.51"),
    )


def _form3(sub_program: str, code: str) -> Form3Row:
    return Form3Row(
        program="Göç Yönetimi",
        sub_program=sub_program,
        goal=f"{sub_program} hedefi",
        seq=1,
        code=code,
        name=f"{code} göstergesi",
        unit_of_measure="Sayı",
        prev_year=YEAR - 1,
        prev_value=D("10"),
        target=D("20"),
        year_end_estimate=D("20"),
        quarters=[D("5"), D("5"), D("5"), D("6")],
        narratives=[f"{code} birinci dönem", "", "", ""],
        year_end_value=D("21"),
        realization_rate=D("105"),
        status="exceeded",
    )


def _sp(*, accepted: bool) -> SPTargetBlock:
    line = SPLine(
        code="PG1.1.1",
        name="Vize sayısı",
        unit_of_measure="Sayı",
        weight=D("40"),
        baseline=D("100"),
        year_target=D("200"),
        actual=D("200"),
        performance_raw=D("100"),
        performance=D("100"),
        assessments=["İlgili", "Etkili", "Etkin", "Sürdürülebilir"],
        texts_accepted=accepted,
    )
    return SPTargetBlock(
        aim_code="A1",
        aim_title="Düzenli göç",
        code="H1.1",
        title="Vize sistemi",
        performance=D("100"),
        deviation_reason="Sapma yok.",
        measures="Önlem gerekmez.",
        responsible_unit="Yabancılar Genel Müdürlüğü",
        indicators=[line],
    )


def _inputs(**changes) -> AnnualInputs:
    inputs = AnnualInputs(
        year=YEAR,
        administration="Göç İdaresi Başkanlığı",
        budget_economic=[
            _budget("econ", "01", "Personel Giderleri", "1000", "900"),
            _budget("total", "", "Toplam", "1000", "900"),
        ],
        budget_program=[_budget("total", "", "GENEL TOPLAM", "1000", "900")],
        budget_unit=[_budget("total", "", "GENEL TOPLAM", "1000", "900")],
        structure=[StructureRow("Göç Yönetimi", "Düzensiz Göç", "Düzensiz Göç hedefi", "A1", "Düzenli göç")],
        form3=[_form3("Düzensiz Göç", "DG.01"), _form3("Uyum", "UY.01")],
        form4=[
            Form4Line(
                "Göç Yönetimi",
                "Düzensiz Göç",
                "hedef",
                "DG.01",
                "DG.01 göstergesi",
                D("20"),
                D("21"),
                D("105"),
                "exceeded",
            )
        ],
        form4_frozen=True,
        sp_blocks=[_sp(accepted=True)],
    )
    for name, value in changes.items():
        setattr(inputs, name, value)
    return inputs


def _blocks(**changes):
    return annual_report_export(_inputs(**changes)).document.blocks


def _captions(blocks) -> list[str]:
    return [caption_text(block.caption) for block in blocks if isinstance(block, TableBlock)]


@pytest.mark.parametrize(
    ("title", "continued", "printed"),
    [
        ("Tablo 7. 2023-2024 Mali Yılları", False, "Tablo 7. 2023-2024 Mali Yılları"),
        ("Tablo 15. Performans Göstergesi", True, "Tablo 15 (devamı). Performans Göstergesi"),
        ("Table 16. Performance Results", False, "Table 16. Performance Results"),
        ("Basılı rapor farkları", False, "Basılı rapor farkları"),
    ],
)
def test_a_caption_keeps_the_reports_number_and_marks_a_continued_part(title, continued, printed):
    assert caption_text(caption_of(title, continued=continued)) == printed


def test_the_chapter_has_the_regulations_headings_in_order():
    report = annual_report_export(_inputs()).document
    assert [(heading.level, heading.text) for heading in outline(report)] == [
        (1, "III. FAALİYETLERE İLİŞKİN BİLGİ VE DEĞERLENDİRMELER"),
        (2, "A. Mali Bilgiler"),
        (3, "1. Bütçe Uygulama Sonuçları"),
        (3, "2. Temel Mali Tablolara İlişkin Açıklamalar"),
        (2, "B. Performans Bilgileri"),
        (3, "1. Program, Alt Program ve Faaliyet Bilgileri"),
        (3, "2. Performans Sonuçlarının Değerlendirilmesi"),
        (4, "i. Alt Program Hedef ve Göstergeleriyle İlgili Gerçekleşme Sonuçları ve Değerlendirmeler"),
        (3, "3. Stratejik Planın Değerlendirilmesi"),
    ]


def test_tables_come_in_the_reports_numbering_and_a_second_form3_part_is_continued():
    captions = [caption.split(".")[0] for caption in _captions(_blocks())]
    assert captions == [
        "Tablo 7",
        "Tablo 8",
        "Tablo 9",
        "Tablo 10",
        "Tablo 11",
        "Tablo 14",
        "Tablo 15",
        "Tablo 15 (devamı)",
        "Tablo 16",
        "Tablo 17",
    ]


def test_each_form3_part_has_its_heading_lines_before_it_and_its_narratives_after_it():
    blocks = _blocks()
    first = next(i for i, b in enumerate(blocks) if isinstance(b, TableBlock) and b.caption.number == 15)
    lines = blocks[first - 1]
    assert isinstance(lines, FieldLines)
    assert ("Alt Programın Adı", "Düzensiz Göç") in lines.lines
    narratives = next(b for b in blocks[first + 1 :] if isinstance(b, NoteBlock)).note
    assert any("DG.01 birinci dönem" in text for _label, text in narratives.items)


def test_the_budget_summary_is_computed_from_the_total_in_turkish_figures():
    summary = next(b for b in _blocks() if isinstance(b, Paragraph))
    # KBÖ 1.000, +100 −50 = 1.050 total appropriation, 900 spent: 900 / 1.050 = %85,71.
    assert "1.000,00 TL" in summary.text and "1.050,00 TL" in summary.text and "900,00 TL" in summary.text
    assert "%85,71" in summary.text
    with translation.override("en"):
        english = next(b for b in _blocks() if isinstance(b, Paragraph))
    assert "85.71%" in english.text and "1,050.00" in english.text


def test_a_year_without_budget_or_plan_says_so():
    texts = [b.text for b in _blocks(budget_economic=[], sp_blocks=[]) if isinstance(b, Paragraph)]
    assert "2024 yılı için bütçe verisi yok." in texts
    assert "2024 yılını kapsayan stratejik plan yok." in texts


def test_texts_not_accepted_are_left_out_of_tablo_17_and_named_under_it():
    tablo17 = [b for b in _blocks(sp_blocks=[_sp(accepted=False)]) if isinstance(b, TableBlock)][-1]
    assert tablo17.caption.number == 17
    assert tablo17.notes == ["Strateji Geliştirme'nin henüz kabul etmediği değerlendirme metinleri alınmadı: PG1.1.1."]
    trailers = [text for section in tablo17.table.sections for _label, text in section.trailers]
    assert "İlgili" not in trailers
    accepted = [b for b in _blocks() if isinstance(b, TableBlock)][-1]
    assert accepted.notes == []
    assert "İlgili" in [text for section in accepted.table.sections for _label, text in section.trailers]


def test_the_closing_parts_follow_the_revisions_and_the_printed_reports_comparison():
    assert not any(isinstance(b, Heading) and b.level == 2 and b.text.startswith("Ek") for b in _blocks())
    same = _blocks(differences=[])
    assert "Basılı rapordaki bütün değerler kurallarla hesaplananlarla aynıdır." in [
        b.text for b in same if isinstance(b, Paragraph)
    ]
    difference = Difference(
        table="tablo7", row="06", column="increase_pct", printed="46.80", computed=D("46.81"), rule="r"
    )
    blocks = _blocks(differences=[difference], pp_revisions={"DG.01": "hedef 20 → 25"})
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 2]
    assert headings[-2:] == ["Revizyonlar", "Ek: Basılı rapor farkları"]
    table = [b for b in blocks if isinstance(b, TableBlock)][-1]
    assert table.caption == Caption("", 0, "Basılı değerler ve kurallarla hesaplanan değerler")
    assert table.table.sections[0].rows[0].cells[3:5] == ["46,80", D("46.81")]
