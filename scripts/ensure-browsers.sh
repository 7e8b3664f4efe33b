#!/usr/bin/env bash
# The real-browser tests need Debian's chromium and firefox-esr, and openssl for the throwaway
# HTTPS certificate. Installs what is missing when run as root (as CI is); otherwise says exactly
# what to install. Never lets the tests skip: exits non-zero when anything is still missing.
set -euo pipefail
declare -A pkg=([chromium]=chromium [firefox-esr]=firefox-esr [openssl]=openssl)
missing=()
for cmd in chromium firefox-esr openssl; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${pkg[$cmd]}")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-browsers: installing ${missing[*]} with apt-get" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "ensure-browsers: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
for cmd in chromium firefox-esr openssl; do
  command -v "$cmd" >/dev/null 2>&1 || { echo "ensure-browsers: $cmd is still missing after install" >&2; exit 1; }
done
echo "ensure-browsers: $(chromium --version 2>/dev/null | head -1); $(firefox-esr --version 2>/dev/null | head -1)" >&2
