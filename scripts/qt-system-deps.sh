#!/usr/bin/env bash
# Qt's platform plugins, the PDF checks and the PyInstaller build need a few Debian packages that a
# bare machine may lack. Installs them when run as root, otherwise prints the exact apt-get line
# and stops. --bundle: PyInstaller reads binaries with ldd and objdump (binutils), and copies into
# the bundle only the libraries it finds, so the display set must be present for the bundle's
# window to open on a Linux desktop without them.
set -euo pipefail
runtime=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0)
display=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0)
# The live screen-reader test (tests/ui/test_atspi.py) opens the window on a virtual display
# and reads it over AT-SPI with the system Python's pyatspi, as Orca does.
tests=(poppler-utils xvfb xauth dbus at-spi2-core python3-pyatspi)
build=(binutils libc-bin)
case "${1:-}" in
  --runtime) wanted=("${runtime[@]}" "${display[@]}") ;;
  --test) wanted=("${runtime[@]}" "${display[@]}" "${tests[@]}") ;;
  --bundle) wanted=("${runtime[@]}" "${display[@]}" "${build[@]}") ;;
  *) echo "usage: $0 --runtime|--test|--bundle" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing we can check
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  echo "Installing system libraries: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system libraries. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
