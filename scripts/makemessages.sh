#!/usr/bin/env bash
# Extract translatable strings. Each app keeps its own catalog (<app>/locale); the project-wide
# templates/, config/ and organisation/ strings live in locale/. Run from the project root.
# Usage: makemessages.sh [app ... | project]   (no argument: every app and the project catalog)
set -euo pipefail
root=$(pwd)
admin="$root/.venv/bin/django-admin"
all_apps=(children guardians pairing activities reports inspection)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_apps[@]}" project)
ignores=(--ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench --ignore=scripts --ignore=staticfiles)
for target in "${targets[@]}"; do
  if [ "$target" = project ]; then
    project_ignores=("${ignores[@]}")
    for app in "${all_apps[@]}"; do project_ignores+=("--ignore=$app" "--ignore=templates/$app"); done
    DJANGO_SETTINGS_MODULE= "$admin" makemessages -l zh_Hans --no-obsolete --add-location=file \
      "${project_ignores[@]}" >/dev/null
  else
    mkdir -p "$target/locale"
    # Templates of an app are under templates/<app>/; extract them with the app's code.
    (cd "$target" && ln -sfn "../templates/$target" _templates && \
       DJANGO_SETTINGS_MODULE= "$admin" makemessages --symlinks -l zh_Hans --no-obsolete \
         --add-location=file "${ignores[@]}" >/dev/null; rm -f _templates)
  fi
  echo "catalog updated: $target"
done
