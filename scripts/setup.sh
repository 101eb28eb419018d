#!/usr/bin/env bash
# Installs what building and testing SERO needs on a fresh Debian/Ubuntu machine
# with rustup: protoc, OpenSSL's headers, the wasm32v1-none target, rust-src, and the
# npm packages of the end-to-end tests. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v protoc >/dev/null 2>&1; then
	log "installing protobuf-compiler"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq protobuf-compiler >/dev/null
fi

if ! pkg-config --exists openssl 2>/dev/null; then
	log "installing libssl-dev and pkg-config"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32v1-none; then
	log "adding the wasm32v1-none target"
	rustup target add wasm32v1-none
fi
if ! rustup component list --installed | grep -q '^rust-src'; then
	log "adding rust-src"
	rustup component add rust-src
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	log "installing Node.js and npm"
	as_root apt-get update -qq
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
if [ ! -d scripts/e2e/node_modules/@polkadot/api ]; then
	log "installing the end-to-end tests' npm packages"
	(cd scripts/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
log "ready"
