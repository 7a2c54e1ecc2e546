"""Close a year (freeze its Form-4) or, with --reopen and a reason, reopen it."""

from django.core.management.base import CommandError

from accounts.selectors import administration_by_code
from core.exceptions import ApplicationError
from core.management.base import Command as BaseCommand
from reports.builders.readiness import ReadinessReport
from reports.services import year_close, year_reopen


class Command(BaseCommand):
    help = "Yılı kapatır (Form-4 dondurulur) ya da --reopen ve gerekçe ile yeniden açar."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--administration", help="İdare kodu (tek idare varsa gerekmez)")
        parser.add_argument("--reopen", action="store_true", help="Kapatılmış yılı yeniden aç")
        parser.add_argument("--reason", default="", help="Yeniden açma gerekçesi (zorunlu)")

    def handle(self, *args, year, administration, reopen, reason, **options):
        try:
            administration_obj = administration_by_code(administration)
            if reopen:
                year_reopen(administration_id=administration_obj.pk, year=year, actor=None, reason=reason)
                self.stdout.write(self.style.SUCCESS(f"{year} yılı yeniden açıldı."))
            else:
                closing = year_close(administration_id=administration_obj.pk, year=year, actor=None)
                self._warn(closing.readiness)
                rows = closing.summary.rows.count()
                self.stdout.write(self.style.SUCCESS(f"{year} yılı kapatıldı; Form-4 {rows} satır."))
        except (LookupError, ApplicationError) as exc:
            raise CommandError(str(exc)) from exc

    def _warn(self, readiness: ReadinessReport) -> None:
        """Print the Denetime hazırlık findings the year is closed with: warnings, not a refusal."""
        if not readiness.finding_count:
            self.stdout.write("Denetime hazırlık: bulgu yok.")
            return
        self.stdout.write(
            self.style.WARNING(
                f"Uyarı — denetime hazırlık {readiness.finding_count} bulgu gösteriyor (kapatmayı engellemez):"
            )
        )
        for criterion in readiness.criteria:
            self.stdout.write(f"  {criterion.title}: {criterion.passed} uygun, {len(criterion.findings)} bulgu")
            for finding in criterion.findings:
                self.stdout.write(f"    - {finding.subject}: {finding.message}")
