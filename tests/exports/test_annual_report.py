"""The activity report's chapter III (annual_report): its 2024 edition, the English one, the template, the page."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from docx import Document as WordDocument
from pypdf import PdfReader

from accounts.choices import Role
from budget.models import BudgetAggregate
from core.numbers import format_decimal, format_percent
from exports.choices import JobStatus
from exports.models import ExportJob
from exports.word_template import DEFAULT_TEMPLATE, MAX_TEMPLATE_MB, TABLE_STYLE
from indicators.models import PPIndicatorResult
from plans.models import SPIndicatorResult, SPIndicatorYear, TargetYear
from reports.printed import printed_differences
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.scenario import PASSWORD, YEAR

YEAR_2024 = 2024
PAGE = reverse("exports:page")
# The chapter's headings in the regulation's order with the 2024 report's numbering.
TURKISH_HEADINGS = [
    "III. FAALİYETLERE İLİŞKİN BİLGİ VE DEĞERLENDİRMELER",
    "A. Mali Bilgiler",
    "1. Bütçe Uygulama Sonuçları",
    "2. Temel Mali Tablolara İlişkin Açıklamalar",
    "B. Performans Bilgileri",
    "1. Program, Alt Program ve Faaliyet Bilgileri",
    "2. Performans Sonuçlarının Değerlendirilmesi",
    "i. Alt Program Hedef ve Göstergeleriyle İlgili Gerçekleşme Sonuçları ve Değerlendirmeler",
    "3. Stratejik Planın Değerlendirilmesi",
    "Ek: Basılı rapor farkları",
]


def _export(tmp_path: Path, fmt: str, language: str = "tr", **options) -> Path:
    out = tmp_path / f"annual.{language}.{fmt}"
    call_command(
        "export_report",
        year=YEAR_2024,
        report="annual_report",
        format=fmt,
        out=str(out),
        language=language,
        stdout=io.StringIO(),
        **options,
    )
    return out


def _headings(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]


def _captions(word) -> list[str]:
    return [p.text for p in word.paragraphs if p.style.name == "Caption"]


def _table_numbers(captions: list[str]) -> list[int]:
    return [int(m[1]) for c in captions if (m := re.match(r"(?:Tablo|Table) (\d+)", c))]


def _cells(word) -> set[str]:
    return {cell.text for table in word.tables for row in table.rows for cell in row.cells}


@pytest.mark.django_db
def test_the_2024_docx_has_the_chapter_in_order_with_captions_toc_and_the_stored_figures(demo, tmp_path):
    word = WordDocument(str(_export(tmp_path, "docx")))
    assert _headings(word) == TURKISH_HEADINGS
    captions = _captions(word)
    numbers = _table_numbers(captions)
    # Tablo 7–17 in the regulation's order; Tablo 15 continued once per further sub-programme.
    assert sorted(set(numbers)) == list(range(7, 18)) and numbers == sorted(numbers)
    assert captions[0] == "Tablo 7. 2023-2024 Mali Yılları Bütçe Ödenekleri Karşılaştırması"
    assert "Tablo 15 (devamı). Performans Göstergesi Gerçekleşmeleri İzleme Formu (3 Aylık/Form-3)" in captions
    xml = word.element.xml
    assert 'TOC \\o "1-4"' in xml and "SEQ Tablo \\r 7" in xml  # the TOC field and the captions' numbers
    assert "İçindekiler" in [p.text for p in word.paragraphs]
    # The cover from the template, its placeholders filled in; no placeholder left anywhere.
    assert "2024 Yılı Faaliyet Raporu" in [p.text for p in word.paragraphs]
    assert "{{" not in xml and "{{" not in word.sections[0].header.paragraphs[0].text
    assert word.sections[0].header.paragraphs[0].text == "Göç İdaresi Başkanlığı · 2024 Yılı Faaliyet Raporu"
    cells = _cells(word)
    total = BudgetAggregate.objects.get(year=YEAR_2024, level="total")
    assert {format_decimal(total.total), format_decimal(total.spending)} <= cells  # Tablo 9's total row
    assert format_percent(total.realization_pct) in cells
    results = PPIndicatorResult.objects.filter(indicator__performance_program__year=YEAR_2024).select_related(
        "indicator"
    )
    for result in results.exclude(year_end_value=None).order_by("indicator__code")[:8]:
        assert format_decimal(result.year_end_value, result.indicator.decimals) in cells, result.indicator.code
    for sp in SPIndicatorResult.objects.filter(year=YEAR_2024).exclude(actual_value=None)[:5]:
        assert format_decimal(sp.actual_value) in cells, sp.indicator.code
    # The units' narratives and the accepted texts; the printed report's differences at the end.
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Değerlendirme 1. Dönem" in text and "Aktif ikamet izni sayısı: " in text
    assert "Sapmanın Nedeni" in text and "İlgililik: " in text
    demo_admin = demo
    count = len(printed_differences(administration=demo_admin, year=YEAR_2024))
    assert f"basılı raporundaki {count} değer" in text
    assert len(word.tables[-1].rows) == count + 1


@pytest.mark.django_db
def test_texts_the_directorate_has_not_accepted_are_left_out_and_named(demo, tmp_path):
    rows = list(SPIndicatorYear.objects.filter(year=YEAR_2024).exclude(relevance="").select_related("indicator"))
    # One whose relevance text no other indicator shares (many repeat the same sentence).
    row = next(r for r in rows if [o.relevance for o in rows].count(r.relevance) == 1)
    SPIndicatorYear.objects.filter(pk=row.pk).update(text_state="submitted")
    TargetYear.objects.filter(year=YEAR_2024).exclude(deviation_reason="").update(text_state="returned")
    word = WordDocument(str(_export(tmp_path, "docx")))
    text = "\n".join(p.text for p in word.paragraphs)
    assert row.relevance.strip()[:60] not in text
    assert "Sapmanın Nedeni: " not in text
    note = next(line for line in text.splitlines() if line.startswith("Strateji Geliştirme'nin henüz kabul"))
    assert row.indicator.code in note


@pytest.mark.django_db
def test_the_2024_pdf_has_a_table_of_contents_with_page_numbers_and_the_captions(demo, tmp_path):
    reader = PdfReader(str(_export(tmp_path, "pdf")))
    pages = [page.extract_text() for page in reader.pages]
    assert "2024 Yılı Faaliyet Raporu" in pages[0] and "Göç İdaresi Başkanlığı" in pages[0]
    contents = pages[1]
    assert "İçindekiler" in contents
    for heading in TURKISH_HEADINGS:
        line = next(line for line in contents.splitlines() if line.startswith(heading[:30]))
        number = int(re.search(r"(\d+)\s*$", line)[1])
        assert heading[:30] in " ".join(pages[number - 1].split()), heading  # the page it names has it
    body = "\n".join(pages[2:])
    numbers = _table_numbers([line for line in body.splitlines() if re.match(r"Tablo \d+( \(devamı\))?\. ", line)])
    assert numbers == sorted(numbers) and set(numbers) == set(range(7, 18))
    assert "Sayfa 3 /" in body


@pytest.mark.django_db
def test_the_english_edition_has_english_headings_and_captions(demo, tmp_path):
    word = WordDocument(str(_export(tmp_path, "docx", language="en")))
    headings = _headings(word)
    assert headings[:2] == ["III. INFORMATION AND EVALUATIONS ON ACTIVITIES", "A. Financial Information"]
    assert not any(re.search("[ğışİÇÖÜ]", h) for h in headings)
    assert _captions(word)[0].startswith("Table 7. ")
    assert "Contents" in [p.text for p in word.paragraphs]
    total = BudgetAggregate.objects.get(year=YEAR_2024, level="total")
    with translation.override("en"):
        assert format_decimal(total.total, language="en") in _cells(word)


def _styled_template(tmp_path: Path) -> Path:
    template = WordDocument(str(DEFAULT_TEMPLATE))
    template.paragraphs[0].text = "Kendi kapağımız: {{ idare }} — {{ yil }}"
    path = tmp_path / "kendi.docx"
    template.save(str(path))
    return path


@pytest.mark.django_db
def test_an_administrations_own_template_is_used(demo, tmp_path, settings):
    word = WordDocument(str(_export(tmp_path, "docx", template=str(_styled_template(tmp_path)))))
    assert word.paragraphs[0].text == "Kendi kapağımız: Göç İdaresi Başkanlığı — 2024"
    assert word.tables[0].style.name == TABLE_STYLE
    settings.ANNUAL_REPORT_TEMPLATE = str(_styled_template(tmp_path))
    assert WordDocument(str(_export(tmp_path, "docx"))).paragraphs[0].text.startswith("Kendi kapağımız")


def _without_caption_style(tmp_path: Path) -> Path:
    """The default template with its Caption style renamed away (a template made without it)."""
    source = zipfile.ZipFile(DEFAULT_TEMPLATE)
    path = tmp_path / "eksik.docx"
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = data.replace(b'w:val="caption"', b'w:val="Baska"').replace(b'w:val="Caption"', b'w:val="Baska"')
            target.writestr(item, data)
    return path


@pytest.mark.django_db
def test_a_template_that_cannot_be_used_is_refused_in_turkish(demo, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"%PDF-1.4 not a document")
    with pytest.raises(CommandError, match=r"Word \(\.docx\) belgesi değil"):
        _export(tmp_path, "docx", template=str(bad))
    with pytest.raises(CommandError, match="biçemler yok: Caption"):
        _export(tmp_path, "docx", template=str(_without_caption_style(tmp_path)))
    with pytest.raises(CommandError, match="yalnızca şu biçimlerde"):
        _export(tmp_path, "xlsx")


# The page ------------------------------------------------------------------------------------------


def _login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


@pytest.mark.django_db
def test_the_page_makes_the_annual_report_in_the_chosen_language(client, scenario, django_capture_on_commit_callbacks):
    _login(client, scenario.strategy)
    content = client.get(PAGE).content.decode()
    assert "Faaliyet raporu: III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler" in content
    assert reverse("exports:template_download") in content and 'name="language"' in content
    data = {"year": YEAR, "report": "annual_report", "format": "docx", "language": "en"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PAGE, data)
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.status, job.language, job.progress) == (JobStatus.DONE, "en", 100), job.error
    word = WordDocument(job.file.path)
    assert _headings(word)[0] == "III. INFORMATION AND EVALUATIONS ON ACTIVITIES"


@pytest.mark.django_db
def test_the_page_takes_an_uploaded_template(client, scenario, tmp_path, django_capture_on_commit_callbacks):
    _login(client, scenario.strategy)
    upload = _styled_template(tmp_path).open("rb")
    data = {"year": YEAR, "report": "annual_report", "format": "docx", "template": upload}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(PAGE, data).status_code == 302
    job = ExportJob.objects.get()
    assert job.status == JobStatus.DONE, job.error
    assert WordDocument(job.file.path).paragraphs[0].text == "Kendi kapağımız: Deneme İdaresi — 2026"


def _upload(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "1999"}, "Bu yıl için veri yok"),
        ({"year": "2026'; DROP"}, "Bu yıl için veri yok"),
        ({"format": "xlsx"}, "Bu rapor yalnızca şu biçimlerde üretilir: Word (DOCX), PDF."),
        ({"format": "exe"}, "Bu biçim seçilemez"),
        ({"report": "../../etc"}, "Bu rapor seçilemez"),
        ({"language": "de"}, "Bu dil seçilemez"),
        ({"template": "not-docx"}, "Yüklenen dosya bir Word (.docx) belgesi değil."),
        ({"template": "too-big"}, f"Word şablonu çok büyük (en fazla {MAX_TEMPLATE_MB} MB)."),
        ({"template": "zip"}, "Yüklenen dosya bir Word (.docx) belgesi değil."),
        (
            {"template": "docx", "format": "pdf"},
            "Word şablonu yalnızca faaliyet raporunun Word (DOCX) dosyası içindir.",
        ),
    ],
)
def test_hostile_inputs_get_a_turkish_message_and_nothing_is_queued(client, scenario, data, message):
    _login(client, scenario.strategy)
    uploads = {
        "not-docx": lambda: _upload("rapor.docx", b"MZ\x90\x00 an executable"),
        "too-big": lambda: _upload("rapor.docx", b"PK\x03\x04" + b"0" * (MAX_TEMPLATE_MB * 1024 * 1024 + 1)),
        "zip": lambda: _upload("rapor.docx", _zip_of_text()),
        "docx": lambda: _upload("rapor.docx", DEFAULT_TEMPLATE.read_bytes()),
    }
    if "template" in data:
        data = {**data, "template": uploads[data["template"]]()}
    response = client.post(PAGE, {"year": YEAR, "report": "annual_report", "format": "docx", **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExportJob.objects.exists()


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["entry", "approver", "top"])
def test_only_the_directorate_and_admins_may_make_it_or_fetch_the_template(client, scenario, role):
    _login(client, getattr(scenario, role))
    data = {"year": YEAR, "report": "annual_report", "format": "docx"}
    assert client.post(PAGE, data).status_code == 403
    assert client.get(reverse("exports:template_download")).status_code == 403
    assert not ExportJob.objects.exists()


@pytest.mark.django_db
def test_the_default_template_downloads_and_holds_every_style_it_documents(client, scenario):
    admin = UserFactory(username="yonetici.tst")
    RoleAssignmentFactory(user=admin, unit=scenario.unit, role=Role.ADMIN)
    _login(client, admin)
    response = client.get(reverse("exports:template_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="faaliyet-raporu-sablonu.docx"'
    word = WordDocument(io.BytesIO(b"".join(response.streaming_content)))
    names = {style.name for style in word.styles}
    assert {"Heading 1", "Heading 4", "Caption", "TOC Heading", "Title", TABLE_STYLE} <= names
    assert "{{ icerik }}" in [p.text for p in word.paragraphs]
