from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from core.middleware import session_mark_started

        # The session's clock starts at log-in, written with the log-in's own session save.
        user_logged_in.connect(session_mark_started, dispatch_uid="core.session_mark_started")
