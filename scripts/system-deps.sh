#!/usr/bin/env bash
# Install the machine packages Shouwang needs, only those missing. Debian/Ubuntu, as root or with sudo.
#   system-deps.sh test   Chromium, a CJK font, LibreOffice Calc, poppler-utils (browser, spreadsheet and PDF
#                         tests), and what the PDF needs
#   system-deps.sh pdf    Pango and a CJK font: WeasyPrint renders the summary's PDF with them (production too)
#   system-deps.sh venv   python3-venv
#   system-deps.sh npm    Node.js and npm
#   system-deps.sh postgres  PostgreSQL server
set -euo pipefail
what=${1:-test}
need=()
pdf_deps() {
  fc-list 2>/dev/null | grep -qi 'WenQuanYi Micro Hei' || need+=(fonts-wqy-microhei)
  ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || need+=(libpango-1.0-0 libpangoft2-1.0-0)
}
case "$what" in
  test)
    command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || need+=(chromium)
    pdf_deps
    command -v soffice >/dev/null || need+=(libreoffice-calc)
    command -v pdftotext >/dev/null || need+=(poppler-utils)
    ;;
  pdf) pdf_deps ;;
  venv) need+=(python3-venv) ;;
  npm) need+=(nodejs npm) ;;
  postgres) command -v pg_ctlcluster >/dev/null || need+=(postgresql) ;;
  *) echo "unknown: $what" >&2; exit 2 ;;
esac
[ ${#need[@]} -eq 0 ] && exit 0
echo "Installing machine packages: ${need[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
