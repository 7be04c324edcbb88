#!/usr/bin/env bash
# Refreshes the vendored browser files from the npm registry (`make vendor`): built files only,
# unmodified except for a removed trailing sourceMappingURL comment (the maps are not vendored).
# Versions are pinned here; change them here, run this, then update api/web/static/vendor/README.md
# and LICENSES.txt (the script prints each package's licence file) and run
# `go test -count=1 -run 'Web|Portal' ./api/`.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
vendor="$root/api/web/static/vendor"
testdata="$root/api/testdata"
mkdir -p "$vendor" "$testdata"

REACT=18.3.1
GRAPHIQL=3.9.0
UPLOT=1.6.32
AXE=4.14.1
ECHARTS=5.6.0
# The China province map left ECharts at version 5; its 4.9.0 package is the last that ships it.
ECHARTS_MAP=4.9.0
ZRENDER=5.6.1 # bundled inside echarts.esm.min.js; packed only for its licence file

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "react@$REACT" "react-dom@$REACT" "graphiql@$GRAPHIQL" "uplot@$UPLOT" "axe-core@$AXE" \
  "echarts@$ECHARTS" "echarts@$ECHARTS_MAP" "zrender@$ZRENDER" >/dev/null
for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done

nomap() { sed '$ s#^//\# sourceMappingURL=.*$##' "$1" > "$2"; }

# GraphiQL at /graphql (shipped).
cp "react-$REACT/package/umd/react.production.min.js" "$vendor/"
cp "react-dom-$REACT/package/umd/react-dom.production.min.js" "$vendor/"
cp "graphiql-$GRAPHIQL/package/graphiql.min.css" "$vendor/"
nomap "graphiql-$GRAPHIQL/package/graphiql.min.js" "$vendor/graphiql.min.js"
# uPlot: the public trends chart (shipped, loaded only by that page).
nomap "uplot-$UPLOT/package/dist/uPlot.esm.js" "$vendor/uPlot.esm.js"
cp "uplot-$UPLOT/package/dist/uPlot.min.css" "$vendor/uPlot.min.css"
# ECharts: the analysts' dashboard (shipped, loaded only by that page), and the province map.
cp "echarts-$ECHARTS/package/dist/echarts.esm.min.js" "$vendor/echarts.esm.min.js"
cp "echarts-$ECHARTS_MAP/package/map/json/china.json" "$vendor/china.json"
# axe-core: accessibility checks, for the browser tests only (not embedded, not shipped).
nomap "axe-core-$AXE/package/axe.min.js" "$testdata/axe.min.js"

for p in react-$REACT react-dom-$REACT graphiql-$GRAPHIQL uplot-$UPLOT axe-core-$AXE echarts-$ECHARTS echarts-$ECHARTS_MAP zrender-$ZRENDER; do
  lic="$(ls "$p/package" | grep -i -m1 -E '^licen[cs]e' || true)"
  echo "$p: ${lic:-no licence file}"
done
