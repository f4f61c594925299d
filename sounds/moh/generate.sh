#!/usr/bin/env bash
# Hold music for the Twilio backend (Asterisk uses its own musiconhold classes): a quiet 20 s arpeggio,
# 8 kHz mono 16-bit WAV. twilio.hold-music-length must match its length.  Needs: sox.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
i=0
for n in C4 E4 G4 C5 G4 E4 A3 C4 E4 A4 E4 C4 F3 A3 C4 F4 C4 A3 G3 B3 D4 G4 D4 B3; do
  sox -n -r 8000 -c 1 -b 16 "$tmp/$(printf %03d $i).wav" synth 0.8333 pluck "$n" fade 0.01 0.8333 0.3 vol 0.25
  i=$((i+1))
done
sox "$tmp"/*.wav -r 8000 -c 1 -b 16 "$here/hold.wav"
soxi -D "$here/hold.wav"
