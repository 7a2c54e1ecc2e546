# One image for web, worker and beat (docker-compose.yml declares it once).
FROM python:3.11-slim-bookworm

# TZ: gunicorn's access lines in the same zone as the application's log lines (TIME_ZONE).
ENV DJANGO_SETTINGS_MODULE=goc_perf.settings.production \
    TZ=Europe/Istanbul \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Fonts and pango for server-side PDF rendering; the PostgreSQL client for backups, of the same major
# version as docker-compose.yml's postgres image (15, Debian bookworm's).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 postgresql-client-15 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements/ requirements/
RUN pip install --require-hashes -r requirements/base.txt

# Optional LDAP / Active Directory log-in: docker compose build --build-arg WITH_LDAP=1
ARG WITH_LDAP=0
RUN if [ "$WITH_LDAP" = "1" ]; then \
        apt-get update && apt-get install -y --no-install-recommends gcc libldap2-dev libsasl2-dev \
        && pip install --require-hashes -r requirements/ldap.txt && rm -rf /var/lib/apt/lists/*; \
    fi

COPY . .
RUN DJANGO_SETTINGS_MODULE=goc_perf.settings.base SECRET_KEY=build-only python manage.py collectstatic --noinput \
    && useradd --create-home --uid 1000 goc \
    && mkdir -p /app/media /app/backups && chown goc:goc /app/media /app/backups

USER goc
EXPOSE 8000
CMD ["gunicorn", "goc_perf.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
