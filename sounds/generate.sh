#!/usr/bin/env bash
# Generates the recorded prompts from the prompt texts, ready for Asterisk (8 kHz, mono, 16-bit WAV):
#   sounds/<lang>/<key>.wav        one per prompt in ivr-flows/prompts/<lang>.yaml
#   sounds/<lang>/digits/0..9.wav  for say-digits
#   sounds/<lang>/numbers/0..99.wav and 100..900 (hundreds): the number words for announcements (espeak-ng
#                                  reads "12" as "twelve"; 235 is said as 200 + 35)
#   sounds/manifest.tsv            lang/key <TAB> sha256 of the text it was made from (flows check uses it;
#                                  numbers/<n> are listed with the hash of the numeral "<n>")
# Only prompts whose text changed are regenerated; --all regenerates everything.
# Needs: espeak-ng, sox, python3 with PyYAML (Debian: apt-get install espeak-ng sox python3-yaml).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prompts="$here/../ivr-flows/prompts"
all=0
for arg in "$@"; do
  case "$arg" in
    --all) all=1 ;;
    *) prompts="$arg" ;;
  esac
done
for tool in espeak-ng sox python3; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool is needed (apt-get install espeak-ng sox python3-yaml)" >&2; exit 1; }
done

declare -A voice=([en]=en-gb [ru]=ru [lt]=lt [pl]=pl [sl]=sl)
manifest="$here/manifest.tsv"
declare -A old=()
if [ -f "$manifest" ] && [ "$all" = 0 ]; then
  while IFS=$'\t' read -r k h; do old[$k]=$h; done < "$manifest"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# lang <TAB> key <TAB> sha256 <TAB> text, from the YAML files (the same trimmed text the Java checker hashes)
python3 - "$prompts" > "$tmp/list.tsv" <<'PY'
import hashlib, pathlib, sys, yaml
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.yaml")):
    data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
    for key, text in (data.get("prompts") or {}).items():
        text = str(text).strip().replace("\t", " ").replace("\n", " ")
        print(f"{f.stem}\t{key}\t{hashlib.sha256(text.encode('utf-8')).hexdigest()}\t{text}")
PY

speak() { # lang text out.wav
  espeak-ng -v "${voice[$1]:-$1}" -s 170 -w "$tmp/raw.wav" "$2"
  sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 "$3" gain -n -1 silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

made=0
: > "$tmp/manifest.tsv"
while IFS=$'\t' read -r lang key sha text; do
  out="$here/$lang/$key.wav"
  mkdir -p "$here/$lang/digits"
  if [ "${old[$lang/$key]:-}" != "$sha" ] || [ ! -f "$out" ]; then
    speak "$lang" "$text" "$out"
    made=$((made + 1))
  fi
  printf '%s/%s\t%s\n' "$lang" "$key" "$sha" >> "$tmp/manifest.tsv"
done < "$tmp/list.tsv"

for lang in $(cut -f1 "$tmp/list.tsv" | sort -u); do
  for d in 0 1 2 3 4 5 6 7 8 9; do
    if [ ! -f "$here/$lang/digits/$d.wav" ] || [ "$all" = 1 ]; then
      speak "$lang" "$d" "$here/$lang/digits/$d.wav"
      made=$((made + 1))
    fi
  done
done
for lang in $(cut -f1 "$tmp/list.tsv" | sort -u); do
  mkdir -p "$here/$lang/numbers"
  for n in $(seq 0 99) $(seq 100 100 900); do
    sha="$(printf '%s' "$n" | sha256sum | cut -d' ' -f1)"
    if [ "${old[$lang/numbers/$n]:-}" != "$sha" ] || [ ! -f "$here/$lang/numbers/$n.wav" ]; then
      speak "$lang" "$n" "$here/$lang/numbers/$n.wav"
      made=$((made + 1))
    fi
    printf '%s/numbers/%s\t%s\n' "$lang" "$n" "$sha" >> "$tmp/manifest.tsv"
  done
done
sort "$tmp/manifest.tsv" > "$manifest"
echo "generate.sh: $made recordings made, $(wc -l < "$manifest") prompts in $manifest, $(du -sh "$here" | cut -f1) in sounds/"
