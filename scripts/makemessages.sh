#!/usr/bin/env bash
# Extract translatable strings. Each app keeps its own catalog (<app>/locale), the project-wide
# templates/, config/ and organisation/ strings live in locale/. Run from the project root.
set -euo pipefail
root=$(pwd)
admin="$root/.venv/bin/django-admin"
# Usage: makemessages.sh [app ...]   (no argument: every app and the project catalog)
all_apps=(children guardians pairing activities reports)
if [ $# -gt 0 ]; then apps=("$@"); else apps=("${all_apps[@]}"); fi
ignores=(--ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=scripts --ignore=staticfiles)
for app in "${apps[@]}"; do
  mkdir -p "$app/locale"
  # Templates of an app are under templates/<app>/; extract them with the app's code.
  (cd "$app" && ln -sfn "../templates/$app" _templates && \
     DJANGO_SETTINGS_MODULE= "$admin" makemessages --symlinks -l zh_Hans --no-obsolete \
       --add-location=file "${ignores[@]}" >/dev/null; rm -f _templates)
done
[ $# -gt 0 ] && { echo "Catalogs updated: ${apps[*]/%//locale}"; exit 0; }
for app in "${all_apps[@]}"; do ignores+=("--ignore=$app" "--ignore=templates/$app"); done
DJANGO_SETTINGS_MODULE= "$admin" makemessages -l zh_Hans --no-obsolete --add-location=file "${ignores[@]}" >/dev/null
echo "Catalogs updated: locale/ and ${apps[*]/%//locale}"
