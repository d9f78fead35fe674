#!/usr/bin/env bash
# Builds the vendored front-end files from the pinned npm packages in this folder.
set -euo pipefail
cd "$(dirname "$0")"
out=../src/roadahead/core/static/vendored
rm -rf "$out" && mkdir -p "$out/govuk/css" "$out/govuk/js" "$out/govuk/assets/images" "$out/htmx"
npx sass --no-source-map --style=compressed --load-path=node_modules roadahead-govuk.scss "$out/govuk/css/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out/govuk/js/"
cp govuk-frontend-LICENSE.txt "$out/govuk/LICENSE.txt"
# No images or fonts are copied: the crest, crown and typeface are GOV.UK's own.
rmdir "$out/govuk/assets/images" "$out/govuk/assets"
cp node_modules/htmx.org/dist/htmx.min.js "$out/htmx/"
cp node_modules/htmx.org/LICENSE "$out/htmx/LICENSE"
echo "govuk-frontend $(node -p 'require("govuk-frontend/package.json").version'), htmx $(node -p 'require("htmx.org/package.json").version')" > "$out/VERSIONS.txt"
