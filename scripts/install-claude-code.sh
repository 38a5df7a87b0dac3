#!/usr/bin/env bash
# Installs the pinned Claude Code CLI under build/claude-code so the sessions area and its tests can run it without a
# global install. Usage: scripts/install-claude-code.sh VERSION. Does nothing when that version is already installed.
set -euo pipefail

version="${1:?usage: install-claude-code.sh VERSION}"
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/build/claude-code"
manifest="$prefix/node_modules/@anthropic-ai/claude-code/package.json"
bin="$prefix/node_modules/.bin/claude"

installed_version() {
  [ -f "$manifest" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$manifest" 2>/dev/null || true
}

if [ "$(installed_version)" = "$version" ] && [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "claude-code $version already installed in $prefix"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is not on PATH: cannot install @anthropic-ai/claude-code@$version (set CIAL_CLAUDE_BIN to an installed claude)" >&2
  exit 1
fi

mkdir -p "$prefix"
echo "installing @anthropic-ai/claude-code@$version into $prefix"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$prefix" "@anthropic-ai/claude-code@$version"
"$bin" --version
