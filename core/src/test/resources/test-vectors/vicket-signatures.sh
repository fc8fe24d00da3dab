#!/usr/bin/env bash
# Regenerates vicket-signatures.json. Every HMAC here is computed by OpenSSL
# (`openssl dgst -sha256 -hmac SECRET` over the raw body bytes), independently of the Java code
# under test; jq only assembles the JSON. Run from this directory: ./vicket-signatures.sh
set -euo pipefail
export LC_ALL=C
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

S1='vk_whsec_primary_0001'
S2='vk_whsec_rotated_0002'
S3='not-the-secret'
T=1716475271
printf '%s' '{"id":"9f2c1b7e-5d3a-4c1e-9a7b-2f1e0c9d8b6a","event":"ticket.status_changed","occurred_at":"2026-05-23T14:21:11.412Z","data":{"ticket":{"id":"tk_1001","status":{"category":"resolved"}},"message":"Ticket resolved by the on-call agent."}}' >"$work/b1"
printf '%s' '{"id":"9f2c1b7e-5d3a-4c1e-9a7b-2f1e0c9d8b6a","event":"ticket.status_changed","occurred_at":"2026-05-23T14:21:11.412Z","data":{"ticket":{"id":"tk_1001","status":{"category":"open"}},"message":"Ticket resolved by the on-call agent."}}' >"$work/b1_tampered"
cp "$work/b1" "$work/b1_newline"; printf '\n' >>"$work/b1_newline"
printf '%s' '{"id":"evt_ümlaut","event":"ticket.created","occurred_at":"2026-05-23T16:21:11+02:00","data":{"message":"Café ☕ — 🛒"}}' >"$work/b2"
: >"$work/empty"

hmac() { openssl dgst -sha256 -hmac "$1" -r <"$work/$2" | cut -d' ' -f1; }
b64() { base64 -w0 <"$work/$1"; }

H1=$(hmac "$S1" b1)
H1_S2=$(hmac "$S2" b1)
H1_S3=$(hmac "$S3" b1)
H2=$(hmac "$S1" b2)
HE=$(hmac "$S1" empty)
H1_UPPER=$(printf '%s' "$H1" | tr 'a-f' 'A-F')
LONG_PAD=$(printf '%*s' 1000 '')

cases=()
# add NAME NOTE BODYFILE HEADER NOW VALID VERIFY_SECRETS_JSON [SIGN_SECRETS_JSON SIGN_T]
add() {
  local sign='null'
  if [ $# -ge 9 ]; then sign=$(jq -nc --argjson s "$8" --argjson t "$9" '{secrets:$s,t:$t}'); fi
  cases+=("$(jq -nc --arg name "$1" --arg note "$2" --arg body "$(b64 "$3")" --arg header "$4" \
    --argjson now "$5" --argjson valid "$6" --argjson secrets "$7" --argjson sign "$sign" \
    '{name:$name,note:$note,body_base64:$body,header:$header,now:$now,tolerance_seconds:300,
      verify_with_secrets:$secrets,valid:$valid} + (if $sign == null then {} else {sign:$sign} end)')")
}
one="[\"$S1\"]"
add valid "The seed envelope signed with the primary secret, checked at t." b1 "hmac-sha256, t=$T, v1=$H1" $T true "$one" "$one" $T
add valid-window-past-edge "Checked 300 s after t: still inside the window." b1 "hmac-sha256, t=$T, v1=$H1" $((T+300)) true "$one"
add valid-window-future-edge "Checked 300 s before t: still inside the window." b1 "hmac-sha256, t=$T, v1=$H1" $((T-300)) true "$one"
add stale-t "Checked 301 s after t: outside the window." b1 "hmac-sha256, t=$T, v1=$H1" $((T+301)) false "$one"
add future-t "Checked 301 s before t: outside the window." b1 "hmac-sha256, t=$T, v1=$H1" $((T-301)) false "$one"
add wrong-t "t far from the receiver's clock (one day old)." b1 "hmac-sha256, t=$((T-86400)), v1=$H1" $T false "$one"
add t-not-signed "t is not covered by the HMAC (Vicket signs the body only): a different t inside the window still verifies; the replay and duplicate guards handle such replays." b1 "hmac-sha256, t=$((T+10)), v1=$H1" $T true "$one"
add tampered-body "The body changed after signing (resolved -> open)." b1_tampered "hmac-sha256, t=$T, v1=$H1" $T false "$one"
add trailing-newline "A newline appended after signing." b1_newline "hmac-sha256, t=$T, v1=$H1" $T false "$one"
add wrong-secret "Signed with a secret the receiver does not hold." b1 "hmac-sha256, t=$T, v1=$H1_S3" $T false "$one" "[\"$S3\"]" $T
add uppercase-hex "v1 in uppercase hex: accepted (hex is case-insensitive, as in the reference Node.js code)." b1 "hmac-sha256, t=$T, v1=$H1_UPPER" $T true "$one"
add rotation-two-v1 "During a rotation the sender signs with both secrets; the receiver holds only the new one." b1 "hmac-sha256, t=$T, v1=$H1_S2, v1=$H1" $T true "$one" "[\"$S2\",\"$S1\"]" $T
add rotation-receiver-holds-two "The receiver holds the old and the new secret; one v1 from the new one." b1 "hmac-sha256, t=$T, v1=$H1_S2" $T true "[\"$S1\",\"$S2\"]" "[\"$S2\"]" $T
add rotation-none-match "Two v1 values, neither from a secret the receiver holds." b1 "hmac-sha256, t=$T, v1=$H1_S3, v1=$H1_S2" $T false "$one"
add utf8-body "Multi-byte UTF-8 body and an offset occurred_at, signed byte for byte." b2 "hmac-sha256, t=$T, v1=$H2" $T true "$one" "$one" $T
add empty-body "An empty body signs and verifies (the payload check rejects it later)." empty "hmac-sha256, t=$T, v1=$HE" $T true "$one" "$one" $T
add no-spaces "No spaces after the commas: accepted (lenient about spaces)." b1 "hmac-sha256,t=$T,v1=$H1" $T true "$one"
add extra-spaces-and-tabs "Spaces and tabs around parts and around '=': accepted." b1 "  hmac-sha256 ,	t = $T ,  v1=	$H1  " $T true "$one"
add v1-before-t "v1 before t: accepted (any order after the algorithm)." b1 "hmac-sha256, v1=$H1, t=$T" $T true "$one"
add missing-v1 "No v1 part." b1 "hmac-sha256, t=$T" $T false "$one"
add missing-t "No t part." b1 "hmac-sha256, v1=$H1" $T false "$one"
add missing-algorithm "No algorithm token." b1 "t=$T, v1=$H1" $T false "$one"
add empty-header "An empty header value." b1 "" $T false "$one"
add wrong-algorithm "An algorithm other than hmac-sha256." b1 "hmac-sha1, t=$T, v1=$H1" $T false "$one"
add uppercase-algorithm "The algorithm token is exact: HMAC-SHA256 is refused." b1 "HMAC-SHA256, t=$T, v1=$H1" $T false "$one"
add short-v1 "v1 of 63 hex digits." b1 "hmac-sha256, t=$T, v1=${H1:0:63}" $T false "$one"
add long-v1 "v1 of 66 hex digits." b1 "hmac-sha256, t=$T, v1=${H1}00" $T false "$one"
add non-hex-v1 "v1 with a non-hex digit." b1 "hmac-sha256, t=$T, v1=g${H1:1}" $T false "$one"
add prefixed-v1 "v1 carrying a sha256= prefix." b1 "hmac-sha256, t=$T, v1=sha256=$H1" $T false "$one"
add fractional-t "t with a fraction." b1 "hmac-sha256, t=$T.5, v1=$H1" $T false "$one"
add negative-t "A negative t." b1 "hmac-sha256, t=-$T, v1=$H1" $T false "$one"
add empty-t "An empty t." b1 "hmac-sha256, t=, v1=$H1" $T false "$one"
add duplicate-t "t given twice." b1 "hmac-sha256, t=$T, t=$T, v1=$H1" $T false "$one"
add unknown-part "A part this parser does not know (v0)." b1 "hmac-sha256, t=$T, v1=$H1, v0=$H1" $T false "$one"
add trailing-comma "An empty part after a trailing comma." b1 "hmac-sha256, t=$T, v1=$H1," $T false "$one"
add semicolons "Semicolons instead of commas." b1 "hmac-sha256; t=$T; v1=$H1" $T false "$one"
add nine-v1 "Nine v1 values: more than the 8 accepted, even though one matches." b1 "hmac-sha256, t=$T, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1_S3, v1=$H1" $T false "$one"
add too-long-header "A header over 1024 characters (padding spaces), even though it would match." b1 "hmac-sha256, t=$T, v1=$H1$LONG_PAD" $T false "$one"

printf '%s\n' "${cases[@]}" | jq -s --arg t "$T" '{
  scheme: "X-Vicket-Signature: hmac-sha256, t=<unix seconds>, v1=lowercase hex(HMAC-SHA256(UTF-8(secret), raw body bytes)); |now - t| <= tolerance_seconds",
  computed_with: "vicket-signatures.sh: every v1 by `openssl dgst -sha256 -hmac SECRET -r` over the body bytes (OpenSSL, not the Java code under test); bodies are base64 of the exact bytes; cases with a `sign` member are in the canonical form the signer must reproduce exactly from those secrets and t",
  cases: .
}' >vicket-signatures.json
echo "wrote $(jq '.cases | length' vicket-signatures.json) cases"
