#!/usr/bin/env bash
# Rebuild static/vendor/codemirror/codemirror.js from npm packages (needs node and npm;
# not part of the install: the built file is committed).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../static/vendor/codemirror"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/codemirror-entry.js" "$work/"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund codemirror@6 @codemirror/state @codemirror/view @codemirror/language \
    @codemirror/autocomplete @codemirror/legacy-modes esbuild >/dev/null
npx esbuild codemirror-entry.js --bundle --minify --format=iife --global-name=CM --outfile="$out/codemirror.js"
cp node_modules/codemirror/LICENSE "$out/LICENSE"
for p in codemirror @codemirror/state @codemirror/view @codemirror/language @codemirror/autocomplete @codemirror/legacy-modes; do
    echo "$p $(node -p "require('./node_modules/$p/package.json').version")"
done >"$out/VERSIONS"
