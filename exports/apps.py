from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "exports"
    verbose_name = _("Dışa aktarma")

    def ready(self) -> None:
        # An export job is queued by the task's name (exports.services): register it in every process.
        from exports import tasks  # noqa: F401
