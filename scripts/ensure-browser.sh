#!/bin/sh
# The browser tests need Debian's Chromium and a Japanese font. Install them
# when missing and we may (root, apt); otherwise say how, and the browser
# tests skip (or, under CI=true, fail).
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qiE 'ipaex|noto.*cjk'; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium and a Japanese font for the browser tests (apt-get)..."
  apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipaexfont-gothic fonts-ipaexfont-mincho >/dev/null && exit 0
fi
echo "browser tests need: apt-get install chromium fonts-ipaexfont-gothic (not installed; they will skip)" >&2
exit 0
