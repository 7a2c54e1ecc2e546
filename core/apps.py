from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from core.middleware import session_mark_started

        # The periodic jobs (core/schedules.py) exist after every migrate; existing ones are left as the admin set them.
        post_migrate.connect(_schedules_ensure_once, dispatch_uid="core.schedules_ensure")

        # The session's clock starts at log-in, written with the log-in's own session save.
        user_logged_in.connect(session_mark_started, dispatch_uid="core.session_mark_started")


def _schedules_ensure_once(sender, **kwargs) -> None:
    """post_migrate is sent once per app after the whole run (every table exists by then): act once."""
    if sender.name != "core":
        return
    from core.schedules import schedules_ensure

    schedules_ensure()
