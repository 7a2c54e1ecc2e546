"""Import a workbook (.xlsx) of plans, indicators, quarterly values and budget lines."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.models import Administration
from accounts.selectors import administration_by_code
from core.management.base import Command as BaseCommand
from imports.dataset import DatasetError
from imports.services import ImportSummary, PendingRevision, RevisionReasonRequired, workbook_import
from imports.workbook import read_workbook


def revision_lines(revisions: list[PendingRevision]) -> str:
    """One line per change that needs a reason: sheet, code, year, field, old → new."""
    return "\n".join(f"  - {r.sheet}: {r}" for r in revisions)


def summary_lines(summary: ImportSummary) -> list[str]:
    """Return one line per kind of record: created, changed, left alone."""
    return [
        f"{label}: {c.created} yeni, {c.updated} değişecek/değişti, {c.unchanged} aynı"
        for label, c in summary.counts.items()
    ]


class Command(BaseCommand):
    help = (
        "İçe aktarma çalışma kitabını (.xlsx) yükler: ya hepsi ya hiçbiri; aynı dosyayı yeniden yüklemek bir şey "
        "değiştirmez. --dry-run yalnızca neyin değişeceğini gösterir. Değerleri girilmiş göstergelerin hedefi, "
        "ağırlığı, başlangıç değeri, yönü ya da hesaplama yöntemi değişiyorsa --reason gerekir."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="çalışma kitabının yolu (.xlsx)")
        parser.add_argument("--dry-run", action="store_true", help="hiçbir şey yazmadan neyin değişeceğini göster")
        parser.add_argument(
            "--administration", default=None, help="idare kodu (çalışma kitabında administration sayfası yoksa)"
        )
        parser.add_argument(
            "--reason",
            default="",
            help="değerleri girilmiş göstergelerde hedef, ağırlık, başlangıç değeri, yön ya da hesaplama yöntemi "
            "değişikliğinin gerekçesi (revizyon olarak kaydedilir)",
        )

    def handle(self, *args, path: Path, dry_run: bool, administration: str | None, reason: str, **options):
        if not path.is_file():
            raise CommandError(f"Dosya bulunamadı: {path}")
        try:
            dataset = read_workbook(str(path))
            target: Administration | None = None
            if administration or not dataset.sheet("administration"):
                try:
                    target = administration_by_code(administration)
                except LookupError as exc:
                    raise CommandError(str(exc)) from exc
            reason = reason.strip()
            summary = workbook_import(
                dataset=dataset, administration=target, actor=None, dry_run=dry_run, reason=reason
            )
        except RevisionReasonRequired as exc:
            raise CommandError(
                _('Çalışma kitabı yüklenmedi, hiçbir şey yazılmadı. %(message)s Gerekçeyi --reason "…" ile verin:')
                % {"message": exc.message}
                + "\n"
                + revision_lines(exc.revisions)
            ) from exc
        except DatasetError as exc:
            lines = "\n".join(f"  - {e}" for e in exc.errors)
            raise CommandError(f"Çalışma kitabı yüklenmedi, hiçbir şey yazılmadı:\n{lines}") from exc
        for line in summary_lines(summary):
            self.stdout.write(line)
        if summary.revisions:
            if reason:
                self.stdout.write(_("Revizyonlar (gerekçe: %(reason)s):") % {"reason": reason})
            else:
                self.stdout.write(
                    self.style.WARNING(
                        _(
                            "Değerleri girilmiş göstergelerde gerekçe isteyen değişiklikler (%(codes)s); "
                            'yüklemek için --reason "gerekçe" verin:'
                        )
                        % {"codes": ", ".join(dict.fromkeys(r.code for r in summary.revisions))}
                    )
                )
            self.stdout.write(revision_lines(summary.revisions))
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(f"Uyarı: {warning}"))
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Deneme: hiçbir şey yazılmadı."))
        elif summary.changed == 0:
            self.stdout.write(self.style.SUCCESS("Hiçbir şey değişmedi."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Yüklendi: {summary.changed} kayıt yeni ya da güncellendi."))
