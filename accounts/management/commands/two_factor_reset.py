"""Remove a user's authenticator app and recovery codes (a lost phone), with a reason; audited."""

from django.core.management.base import CommandError

from accounts.models import User
from accounts.two_factor_services import two_factor_disable
from core.management.base import Command as BaseCommand


class Command(BaseCommand):
    help = "Kullanıcının iki adımlı giriş uygulamasını ve kurtarma kodlarını siler (kayıp telefon); gerekçe zorunlu."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="Gerekçe (zorunlu)")

    def handle(self, *args, username, reason, **options):
        if not reason.strip():
            raise CommandError('Gerekçe zorunludur: --reason "..."')
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Kullanıcı bulunamadı: {username}")
        two_factor_disable(user=user, actor=None, reason=reason.strip())
        self.stdout.write(
            self.style.SUCCESS(f"{username} için iki adımlı giriş sıfırlandı; bir sonraki girişte yeniden kurulur.")
        )
