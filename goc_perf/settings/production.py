"""Production settings: security hardening on top of base; overrides only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # no fallback: refuse to start without a real key
# Nor with a key that was ever published (the development default, the old compose default, examples).
if len(SECRET_KEY) < 50 or any(word in SECRET_KEY.lower() for word in ("insecure", "change-me", "changeme", "example")):
    raise ImproperlyConfigured(
        "SECRET_KEY is a published or short value: set a random key of at least 50 characters "
        "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
# load_demo generates the demo users' passwords here instead of the README's published ones.
DEMO_PUBLISHED_PASSWORDS = False
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Only a signal that the site may be put on browsers' preload list; nothing is submitted by it.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
