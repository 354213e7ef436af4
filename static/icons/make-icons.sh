#!/bin/sh
# Makes the PNG icons of the web app manifest from the SVGs beside this script, with the
# system Chromium's screenshot mode (run once by hand; the PNGs are committed):
#   sh static/icons/make-icons.sh
set -eu
cd "$(dirname "$0")"
CHROMIUM=${NATTER_CHROMIUM:-/usr/bin/chromium}
shot() { # svg size out.png
  tmp=$(mktemp -d)
  # A page that draws the SVG at exactly size x size, on a transparent background.
  printf '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block;width:%spx;height:%spx}</style><img src="%s">' \
    "$2" "$2" "file://$PWD/$1" > "$tmp/icon.html"
  "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --default-background-color=00000000 --window-size="$2,$2" --screenshot="$PWD/$3" "file://$tmp/icon.html" >/dev/null 2>&1
  rm -r "$tmp"
  echo "$3"
}
shot natter.svg 192 natter-192.png
shot natter.svg 512 natter-512.png
shot natter-maskable.svg 512 natter-maskable-512.png
