#!/usr/bin/env bash
# The Debian packages `make test` needs from the system, checked on every run (dpkg-query, so it is
# idempotent and quick): Chromium for the browser tests (Playwright drives /usr/bin/chromium), fonts
# and pango for the PDF exports (weasyprint), the PostgreSQL client for backup/restore, a compiler and
# the OpenLDAP/SASL headers to build python-ldap (requirements/ldap.txt), gettext for the
# makemessages check, LibreOffice (headless, no GUI) and poppler's pdftoppm for the slow test that
# renders the exported XLSX/DOCX/PDF as a civil servant's office software would. As root the missing
# ones are installed; otherwise the one `apt-get install` line is printed and the script stops with a
# non-zero exit.
set -euo pipefail

packages=(chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 postgresql-client gcc libldap2-dev libsasl2-dev gettext
  libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu machine: make sure these (or your system's equivalents) are installed: ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != "0" ]; then
  echo "Missing system packages for the tests; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "Installing system packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
