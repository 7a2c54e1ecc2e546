from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"

    def ready(self) -> None:
        # The recompute is requested by the task's name (indicators.recompute_requests): register the
        # tasks in every process, the web one included, once the registry is ready (docs/style.md).
        from indicators import tasks  # noqa: F401
