"""Vocabularies of the exports app, each defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.TextChoices):
    # Tablo 15 and the four quarters' narratives: every PP indicator of every sub-programme.
    FORM3 = "form3", _("Form-3 (Tablo 15)")
    # Tablo 16: the year-end results, from the Form-4 summary when the year has one.
    FORM4 = "form4", _("Form-4 (Tablo 16)")
    # Tablo 17: per target its performance and texts, per SP indicator A, B, C, P and assessments.
    SP_EVALUATION = "sp_evaluation", _("Stratejik plan değerlendirme (Tablo 17)")
    # Tablo 7, 8, 9, 12 and 13: appropriations and spending by economic code.
    BUDGET_ECONOMIC = "budget_economic", _("Ekonomik sınıflandırma bütçe tabloları (Tablo 7–9, 12–13)")
    # Tablo 10: programme, sub-programme and activity.
    BUDGET_PROGRAM = "budget_program", _("Faaliyet düzeyinde ödenek ve harcama (Tablo 10)")
    # Tablo 11: spending units.
    BUDGET_UNIT = "budget_unit", _("Birim düzeyinde ödenek ve harcama (Tablo 11)")
    # Tablo 14: programmes, sub-programmes, their goals and the related strategic aims.
    PROGRAM_STRUCTURE = "program_structure", _("Program yapısı (Tablo 14)")
    # Denetime hazırlık: the year's performance information checked as the Court of Accounts reads it.
    AUDIT_READINESS = "audit_readiness", _("Denetime hazırlık")
    # Chapter III of the activity report: Tablo 7–17 with headings, captions, narratives and texts (DOCX, PDF).
    ANNUAL_REPORT = "annual_report", _("Faaliyet raporu: III. Faaliyetlere İlişkin Bilgi ve Değerlendirmeler")


class Format(models.TextChoices):
    XLSX = "xlsx", _("Excel (XLSX)")
    PDF = "pdf", _("PDF")
    DOCX = "docx", _("Word (DOCX)")
    # For machines: UTF-8, comma separated, '.' decimal point, fixed header row.
    CSV = "csv", _("CSV")
    # For a double click in Turkish Excel: UTF-8 with BOM, ';' separated, decimal comma, Turkish headers.
    CSV_EXCEL = "csv_excel", _("CSV (Excel, Türkçe)")


class JobStatus(models.TextChoices):
    # Requested; waiting for a worker.
    QUEUED = "queued", _("Sırada")
    # A worker is building the file; progress goes from 0 to 100.
    RUNNING = "running", _("Hazırlanıyor")
    # The file is ready to download.
    DONE = "done", _("Hazır")
    # Building failed; the message says why.
    FAILED = "failed", _("Başarısız")


CONTENT_TYPES: dict[str, str] = {
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Format.PDF: "application/pdf",
    Format.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Format.CSV: "text/csv; charset=utf-8",
    Format.CSV_EXCEL: "text/csv; charset=utf-8",
}
# A file's name ends with its format, except the Turkish-Excel CSV: form3-2024-excel.csv.
FILE_SUFFIXES: dict[str, str] = {Format.CSV_EXCEL: "-excel.csv"}


def file_suffix(fmt: str) -> str:
    """Return what a file of the format ends with: '.xlsx', '-excel.csv'."""
    return FILE_SUFFIXES.get(fmt, f".{fmt}")
