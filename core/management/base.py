"""The base of the project's operator commands: a refusal is one line in the user's language.

Django prints a `CommandError` raised from the shell as "CommandError: <message>"; here the operator
reads only the (Turkish) message, the exit status is still the error's (1) and there is no traceback
unless --traceback is given. Called from code (`call_command`), the `CommandError` is raised as usual.
"""

import sys

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as error:
            if not getattr(self, "_called_from_command_line", False) or options.get("traceback"):
                raise
            self.stderr.write(str(error), self.style.ERROR)
            sys.exit(error.returncode)
