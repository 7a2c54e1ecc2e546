"""Recompute the stored results of a year synchronously (the same services the Celery jobs run).

It reads the plan (the year must have a programme), so it lives above the engine, with the reports.
"""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from accounts.models import Unit
from accounts.selectors import administration_by_code
from core.exceptions import ApplicationError
from core.management.base import Command as BaseCommand
from indicators.followers import followers_run
from indicators.models import RecomputeRun
from indicators.services import results_recompute
from plans.selectors import programme_for_year


class Command(BaseCommand):
    help = "Bir yılın gerçekleşme sonuçlarını (isteğe bağlı olarak tek birim için) yeniden hesaplar."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Yıl (verilmezse bütün yıllar)")
        parser.add_argument("--unit", help="Yalnızca bu birimin göstergeleri (birim kodu)")
        parser.add_argument("--administration", help="İdare kodu (tek idare varsa gerekmez)")
        parser.add_argument("--check", action="store_true", help="Önce saklı sonuçları yeni hesapla karşılaştır")

    def handle(self, *args, year, unit, administration, check, **options):
        try:
            administration_obj = administration_by_code(administration)
            if year is not None:
                programme_for_year(administration_id=administration_obj.pk, year=year)
        except (LookupError, ApplicationError) as exc:
            raise CommandError(str(exc)) from exc
        unit_id = None
        if unit:
            try:
                unit_id = Unit.objects.get(administration=administration_obj, code=unit).pk
            except Unit.DoesNotExist as exc:
                raise CommandError(f"“{unit}” kodlu birim yok.") from exc
        run = results_recompute(
            administration_id=administration_obj.pk,
            years=None if year is None else [year],
            unit_id=unit_id,
            kind=RecomputeRun.Kind.MANUAL,
            check=check,
        )
        written = 0
        if unit_id is None:
            written = followers_run(administration_id=administration_obj.pk, year=year)
        if run.indicators == 0 and run.sp_indicators == 0 and run.targets == 0 and written == 0:
            every_year = _("bütün yıllar")
            raise CommandError(_("Yeniden hesaplanacak veri yok (%(years)s).") % {"years": year or every_year})
        self.stdout.write(
            f"{run.indicators} PP göstergesi, {run.sp_indicators} SP göstergesi sonucu, {run.targets} hedef "
            f"yeniden hesaplandı ({(run.finished_at - run.started_at).total_seconds():.2f} sn)."
        )
        if check:
            self.stdout.write(f"Saklı sonuçlardan farklı çıkan: {len(run.differences)}")
            for difference in run.differences[:50]:
                self.stdout.write(f"  {difference}")
        if unit_id is None:
            self.stdout.write(f"{written} bütçe toplamı yazıldı.")
