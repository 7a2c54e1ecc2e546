"""Password rules beyond Django's own validators (length 12, common, numeric, similar to the user)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """Require letters and at least one digit or symbol, so "parolaparola" is refused."""

    def validate(self, password: str, user=None) -> None:
        has_letter = any(c.isalpha() for c in password)
        has_other = any(not c.isalpha() for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("Parola hem harf hem de en az bir rakam veya simge içermelidir."), code="password_character_classes"
            )

    def get_help_text(self) -> str:
        return _("Parolanız hem harf hem de en az bir rakam veya simge içermelidir.")
