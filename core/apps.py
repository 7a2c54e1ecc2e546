from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        # An app connects its hooks once the registry is ready: the one place an import of the
        # project's own modules stands inside a function (docs/style.md, "Layers and dependencies").
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from core.middleware import session_mark_started
        from core.schedules import schedules_ensure_after_migrate

        # The periodic jobs (core/schedules.py) exist after every migrate; existing ones are left as the admin set them.
        post_migrate.connect(schedules_ensure_after_migrate, dispatch_uid="core.schedules_ensure")

        # The session's clock starts at log-in, written with the log-in's own session save.
        user_logged_in.connect(session_mark_started, dispatch_uid="core.session_mark_started")
