"""Evidence files (kanıt) of an indicator's quarter: upload, list, download, who may see them, the
checks by content and size, removal only while the quarter is open, audited, required evidence."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.files import DOCX, JPEG, PDF, PNG, XLSX, sniff_kind
from core.models import AuditEntry
from plans.models import PerformanceProgram
from submissions.choices import SubmissionState
from submissions.models import Evidence, Submission
from tests.scenario import PASSWORD, QUARTER, YEAR
from tests.submissions.test_views import FULL, form_data

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _ooxml(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/x.xml" ContentType="{main_part}"/></Types>',
        )
        archive.writestr("x.xml", "<x/>")
    return buffer.getvalue()


XLSX_BYTES = _ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
DOCX_BYTES = _ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSM_BYTES = _ooxml("application/vnd.ms-excel.sheet.macroEnabled.main+xml")
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _upload(client, scenario, content: bytes, name: str, indicator=None):
    indicator = indicator or scenario.indicators["sum"]
    url = reverse(
        "submissions:evidence_upload",
        kwargs={"unit_code": scenario.unit.code, "year": YEAR, "quarter": QUARTER, "indicator_id": indicator.pk},
    )
    return client.post(url, {f"ev{indicator.pk}-file": SimpleUploadedFile(name, content)}, follow=True)


def _form_url(scenario):
    return reverse(
        "submissions:unit_quarter", kwargs={"unit_code": scenario.unit.code, "year": YEAR, "quarter": QUARTER}
    )


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, JPEG),
        (XLSX_BYTES, XLSX),
        (DOCX_BYTES, DOCX),
        (XLSM_BYTES, None),  # a macro-enabled workbook
        (EXE_BYTES, None),
        (b"PK\x03\x04 not really a zip", None),
        (b"", None),
        (b"plain text that says %PDF- later", None),
    ],
)
def test_the_kind_is_read_from_the_bytes(content, kind):
    assert sniff_kind(io.BytesIO(content)) == kind


def test_uploaded_file_is_listed_and_downloaded_by_the_directorate_and_hidden_from_another_unit(client, scenario):
    _login(client, scenario.entry)
    page = _upload(client, scenario, PDF_BYTES, "Nisan raporu.pdf").content.decode()
    assert "Kanıt dosyası eklendi: T.01." in page
    assert "Nisan raporu.pdf" in page
    evidence = Evidence.objects.get()
    assert (evidence.content_type, evidence.size, evidence.quarter) == ("application/pdf", len(PDF_BYTES), QUARTER)
    assert "Nisan" not in evidence.file.name  # the uploader's name never reaches the disk
    entry = AuditEntry.objects.get(action="evidence_add")
    assert entry.changes == {"file": [None, "Nisan raporu.pdf"]}

    download = reverse("submissions:evidence_download", args=[evidence.pk])
    _login(client, scenario.strategy)
    assert "Nisan raporu.pdf" in client.get(_form_url(scenario)).content.decode()  # the review page lists it
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    drill = client.get(reverse("dashboards:indicator", args=[scenario.indicators["sum"].pk])).content.decode()
    assert "Nisan raporu.pdf" in drill
    history = reverse(
        "submissions:history",
        kwargs={
            "unit_code": scenario.unit.code, "year": YEAR, "quarter": QUARTER,
            "indicator_id": scenario.indicators["sum"].pk,
        },
    )  # fmt: skip
    assert "Nisan raporu.pdf" in client.get(history).content.decode()

    _login(client, scenario.other_entry)
    assert client.get(download).status_code == 404
    assert client.post(reverse("submissions:evidence_delete", args=[evidence.pk])).status_code == 404


def test_a_renamed_program_is_refused_whatever_its_name(client, scenario):
    _login(client, scenario.entry)
    page = _upload(client, scenario, EXE_BYTES, "rapor.pdf").content.decode()
    assert "“rapor.pdf” kabul edilmedi: dosyanın içeriği PDF, XLSX, DOCX, PNG ya da JPEG değil" in page
    assert not Evidence.objects.exists()


def test_a_pdf_named_otherwise_gets_the_extension_of_its_content(client, scenario):
    _login(client, scenario.entry)
    _upload(client, scenario, PDF_BYTES, "tablo.xlsx")
    assert Evidence.objects.get().original_name == "tablo.xlsx.pdf"


def test_an_oversized_file_is_refused_with_a_turkish_message(client, scenario, settings):
    settings.EVIDENCE_MAX_MB = 1
    _login(client, scenario.entry)
    page = _upload(client, scenario, PDF_BYTES + b"0" * (1024 * 1024), "büyük.pdf").content.decode()
    assert "Dosya çok büyük" in page and "en fazla 1 MB yüklenebilir" in page
    assert not Evidence.objects.exists()


def test_removal_while_open_is_audited_and_refused_after_submission(client, scenario):
    _login(client, scenario.entry)
    _upload(client, scenario, PDF_BYTES, "a.pdf")
    _upload(client, scenario, XLSX_BYTES, "b.xlsx")
    first, second = Evidence.objects.order_by("pk")
    page = client.post(reverse("submissions:evidence_delete", args=[first.pk]), follow=True).content.decode()
    assert "Kanıt dosyası kaldırıldı: a.pdf." in page
    first.refresh_from_db()
    assert first.removed_at is not None and not first.file
    assert AuditEntry.objects.get(action="evidence_remove").changes == {"file": ["a.pdf", None]}
    assert client.get(reverse("submissions:evidence_download", args=[first.pk])).status_code == 404

    Submission.objects.update_or_create(
        unit=scenario.unit, year=YEAR, quarter=QUARTER, defaults={"state": SubmissionState.SUBMITTED}
    )
    page = client.post(reverse("submissions:evidence_delete", args=[second.pk]), follow=True).content.decode()
    # The Form-3's own lock and message (submissions.locks), not a second copy of the rule.
    assert "Bu form kilitli: Gönderildi, inceleniyor." in page
    second.refresh_from_db()
    assert second.removed_at is None and second.file.storage.exists(second.file.name)
    assert "Kaldır" not in client.get(_form_url(scenario)).content.decode().split('data-testid="evidence"')[1]
    page = _upload(client, scenario, PDF_BYTES, "c.pdf").content.decode()
    assert "Bu form kilitli" in page and Evidence.objects.count() == 2


def test_a_closed_year_refuses_evidence_with_its_message_and_records_the_attempt(client, scenario):
    _login(client, scenario.entry)
    _upload(client, scenario, PDF_BYTES, "a.pdf")
    PerformanceProgram.objects.filter(pk=scenario.indicators["sum"].performance_program_id).update(is_closed=True)
    evidence = Evidence.objects.get()
    page = client.post(reverse("submissions:evidence_delete", args=[evidence.pk]), follow=True).content.decode()
    assert f"{YEAR} yılı kapatıldı" in page
    evidence.refresh_from_db()
    assert evidence.removed_at is None
    refusal = AuditEntry.objects.get(action="refused")
    assert refusal.changes == {f"{scenario.unit.code} {YEAR}/{QUARTER}": [None, "T.01: Kanıt kaldırıldı"]}
    assert "Yıl kapatıldı" in refusal.reason


def test_required_evidence_blocks_submission_and_names_the_indicators(client, scenario):
    sum_indicator = scenario.indicators["sum"]
    sum_indicator.evidence_required = True
    sum_indicator.save(update_fields=["evidence_required"])
    _login(client, scenario.approver)
    response = client.post(_form_url(scenario), {**form_data(scenario, **FULL), "action": "save_submit"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kanıt dosyası zorunlu olan ama eklenmemiş göstergeler: T.01." in page
    assert not Submission.objects.filter(state=SubmissionState.SUBMITTED).exists()
    # The unit sees what is missing before it tries.
    assert "Bu gösterge için kanıt dosyası zorunlu" in client.get(_form_url(scenario)).content.decode()

    _upload(client, scenario, PDF_BYTES, "kanit.pdf")
    response = client.post(_form_url(scenario), {**form_data(scenario, **FULL), "action": "save_submit"})
    assert response.status_code == 302
    submission = Submission.objects.get(unit=scenario.unit, year=YEAR, quarter=QUARTER)
    assert submission.state == SubmissionState.SUBMITTED
    # The directorate's review page lists the file behind the figure.
    _login(client, scenario.strategy)
    review = client.get(reverse("submissions:review_one", args=[submission.pk])).content.decode()
    assert "kanit.pdf" in review.split('data-testid="evidence"')[1]


def test_top_management_may_download_but_not_upload(client, scenario):
    _login(client, scenario.entry)
    _upload(client, scenario, PDF_BYTES, "a.pdf")
    _login(client, scenario.top)
    evidence = Evidence.objects.get()
    assert client.get(reverse("submissions:evidence_download", args=[evidence.pk])).status_code == 200
    indicator = scenario.indicators["sum"]
    url = reverse(
        "submissions:evidence_upload",
        kwargs={"unit_code": scenario.unit.code, "year": YEAR, "quarter": QUARTER, "indicator_id": indicator.pk},
    )
    upload = SimpleUploadedFile("b.pdf", PDF_BYTES)
    assert client.post(url, {f"ev{indicator.pk}-file": upload}).status_code == 403
    assert Evidence.objects.count() == 1
