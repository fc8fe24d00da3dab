// Builds ../standard-webhooks-signatures.json. Run by ../standard-webhooks-signatures.sh:
//   NODE_PATH=<dir with standardwebhooks@1.1.1> node vectors.js JAVA_LINES_FILE
// v1 signatures come from the npm package `standardwebhooks` (Webhook.sign) and, for the cases named
// java-library-*, from the official Java library (JAVA_LINES_FILE, written by JavaLibrarySigner.java);
// v1a signatures from Node's own crypto (Ed25519, OpenSSL underneath). Nothing here uses the kit's code.
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const { Webhook } = require("standardwebhooks");
const npmVersion = require("standardwebhooks/package.json").version;

if (npmVersion !== "1.1.1") throw new Error(`expected standardwebhooks@1.1.1, found ${npmVersion}`);

const b64 = (buf) => Buffer.from(buf).toString("base64");
const sha = (alg, text) => crypto.createHash(alg).update(text).digest();
const whsec = (bytes) => "whsec_" + b64(bytes);

// Secrets: the official libraries' test secrets, and fixed ones derived from labels (not random).
const S_OFFICIAL = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const S_A = whsec(sha("sha256", "kit-primary"));
const S_B = whsec(sha("sha256", "kit-rotated"));
const S_OTHER = whsec(sha("sha256", "not-held"));
const S_LONG = whsec(sha("sha512", "kit-long"));
const S_25 = whsec(sha("sha256", "kit-25-bytes").subarray(0, 25));

// Ed25519 keys from fixed seeds; whpk_ = base64(32 raw public bytes), whsk_ = base64(32-byte seed).
const PKCS8 = Buffer.from("302e020100300506032b657004220420", "hex");
function ed(label) {
  const seed = sha("sha256", label);
  const priv = crypto.createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: "der", type: "pkcs8" });
  const pub = crypto.createPublicKey(priv).export({ format: "der", type: "spki" }).subarray(12);
  return { priv, whsk: "whsk_" + b64(seed), whsk64: "whsk_" + b64(Buffer.concat([seed, pub])), whpk: "whpk_" + b64(pub) };
}
const K1 = ed("kit-ed25519-1");
const K2 = ed("kit-ed25519-2");
const K3 = ed("kit-ed25519-not-held");

function v1(secret, id, ts, body) {
  return new Webhook(secret).sign(id, new Date(Number(ts) * 1000), body.toString("utf8"));
}
function v1a(key, id, ts, body) {
  const content = Buffer.concat([Buffer.from(`${id}.${ts}.`, "ascii"), body]);
  return "v1a," + b64(crypto.sign(null, content, key.priv));
}

// The specification's example message (spec/standard-webhooks.md, "Signature scheme").
const SPEC_ID = "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
const SPEC_TS = "1674087231";
const SPEC_BODY = Buffer.from(
  '{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485"}}'
);
const T = Number(SPEC_TS);

const cases = [];
function add(c) {
  const out = {
    name: c.name,
    note: c.note,
    source: c.source,
    id: c.id ?? SPEC_ID,
    timestamp: c.ts ?? SPEC_TS,
    body_base64: b64(c.body ?? SPEC_BODY),
    header: c.header,
    now: c.now ?? T,
    tolerance_seconds: 300,
    verify_with: { secrets: c.secrets ?? [], public_keys: c.publicKeys ?? [] },
    valid: c.valid,
  };
  if (c.sign) out.sign = { secrets: c.sign.secrets ?? [], signing_keys: c.sign.signingKeys ?? [] };
  cases.push(out);
}
const NPM = `npm standardwebhooks@${npmVersion}`;
const NODE = `node ${process.version} crypto (Ed25519)`;

// --- The published examples ---
const officialBody = Buffer.from('{"test": 2432232314}');
const official = v1(S_OFFICIAL, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", officialBody);
if (official !== "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=") throw new Error("npm does not reproduce the official example");
add({ name: "official-example", source: "published in the official libraries' tests (javascript, python: test sign function)",
  note: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, msg_p5jXN8AQM9LWM0D4loKWxJek, 1614265330, {\"test\": 2432232314} -> the published v1 value.",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek", ts: "1614265330", body: officialBody, header: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  now: 1614265330, secrets: [S_OFFICIAL], valid: true, sign: { secrets: [S_OFFICIAL] } });
const rustBody = Buffer.from('{"email":"test@example.com","username":"test_user"}');
if (v1("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", "1649367553", rustBody)
    !== "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=") throw new Error("npm does not reproduce the rust example");
add({ name: "official-example-rust", source: "published in the official rust library's test_sign",
  note: "The second published example; a 24-byte secret with '+' in its base64.",
  id: "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", ts: "1649367553", body: rustBody, header: "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=",
  now: 1649367553, secrets: ["whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"], valid: true,
  sign: { secrets: ["whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"] } });
add({ name: "spec-example-header", source: "spec/standard-webhooks.md, Example headers",
  note: "The specification's example header (one v1, one v1a) is well formed, but its keys are not published: no key held here matches it.",
  header: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1a,hnO3f9T8Ytu9HwrXslvumlUpqtNVqkhqw/enGzPCXe5BdqzCInXqYXFymVJaA7AZdpXwVLPo3mNl8EM+m7TBAg==",
  secrets: [S_OFFICIAL], publicKeys: [K1.whpk], valid: false });

// --- v1 by the npm package ---
const H = v1(S_A, SPEC_ID, SPEC_TS, SPEC_BODY);
const H_B = v1(S_B, SPEC_ID, SPEC_TS, SPEC_BODY);
const H_OTHER = v1(S_OTHER, SPEC_ID, SPEC_TS, SPEC_BODY);
const one = [S_A];
add({ name: "valid", source: NPM, note: "The specification's example message signed with the primary secret, checked at its timestamp.", header: H, secrets: one, valid: true, sign: { secrets: one } });
add({ name: "window-past-edge", source: NPM, note: "Checked 300 s after the timestamp: still inside the window.", header: H, now: T + 300, secrets: one, valid: true });
add({ name: "window-future-edge", source: NPM, note: "Checked 300 s before the timestamp: still inside the window.", header: H, now: T - 300, secrets: one, valid: true });
add({ name: "stale-timestamp", source: NPM, note: "Checked 301 s after the timestamp: outside the window.", header: H, now: T + 301, secrets: one, valid: false });
add({ name: "future-timestamp", source: NPM, note: "Checked 301 s before the timestamp: outside the window.", header: H, now: T - 301, secrets: one, valid: false });
add({ name: "tampered-body", source: NPM, note: "The body changed after signing.", body: Buffer.from(SPEC_BODY.toString().replace("contact.created", "contact.deleted")), header: H, secrets: one, valid: false });
add({ name: "trailing-newline", source: NPM, note: "A newline appended after signing.", body: Buffer.concat([SPEC_BODY, Buffer.from("\n")]), header: H, secrets: one, valid: false });
add({ name: "other-id", source: NPM, note: "The id is signed: another webhook-id with the same signature fails.", id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4X", header: H, secrets: one, valid: false });
add({ name: "other-timestamp", source: NPM, note: "The timestamp is signed: one second later, inside the window, fails.", ts: String(T + 1), header: H, secrets: one, valid: false });
add({ name: "wrong-secret", source: NPM, note: "Signed with a secret the receiver does not hold.", header: H_OTHER, secrets: one, valid: false, sign: { secrets: [S_OTHER] } });
add({ name: "rotation-two-v1", source: NPM, note: "During a rotation the sender signs with both secrets, space-separated; the receiver holds only one.", header: `${H_B} ${H}`, secrets: one, valid: true, sign: { secrets: [S_B, S_A] } });
add({ name: "rotation-receiver-holds-two", source: NPM, note: "The receiver holds the old and the new secret; the signature is by the new one.", header: H_B, secrets: [S_A, S_B], valid: true, sign: { secrets: [S_B] } });
add({ name: "rotation-none-match", source: NPM, note: "Two signatures, neither from a held secret.", header: `${H_OTHER} ${H_B}`, secrets: one, valid: false });
const utf8 = Buffer.from('{"type":"note.created","data":{"text":"Café ☕ — 🛒","id":"evt_ümlaut"}}');
add({ name: "utf8-body", source: NPM, note: "Multi-byte UTF-8 body, signed byte for byte.", body: utf8, header: v1(S_A, SPEC_ID, SPEC_TS, utf8), secrets: one, valid: true, sign: { secrets: one } });
add({ name: "empty-body", source: NPM, note: "An empty body signs and verifies (a JSON payload type refuses it later).", body: Buffer.alloc(0), header: v1(S_A, SPEC_ID, SPEC_TS, Buffer.alloc(0)), secrets: one, valid: true, sign: { secrets: one } });
add({ name: "long-secret-64-bytes", source: NPM, note: "A 64-byte secret, the longest the specification allows.", header: v1(S_LONG, SPEC_ID, SPEC_TS, SPEC_BODY), secrets: [S_LONG], valid: true, sign: { secrets: [S_LONG] } });
add({ name: "unpadded-secret", source: NPM, note: "The receiver's secret written without its '=' padding (the official libraries accept it too).", header: v1(S_25, SPEC_ID, SPEC_TS, SPEC_BODY), secrets: [S_25.replace(/=+$/, "")], valid: true });
add({ name: "unknown-version-skipped", source: NPM, note: "An entry of an unknown version is skipped; the v1 after it matches.", header: `v2,${H.slice(3)} ${H}`, secrets: one, valid: true });
add({ name: "only-unknown-version", source: NPM, note: "The only entry has an unknown version.", header: `v2,${H.slice(3)}`, secrets: one, valid: false });
add({ name: "extra-spaces", source: NPM, note: "Leading, trailing and doubled spaces between entries are skipped, as in the official libraries.", header: `  ${H_B}  ${H} `, secrets: one, valid: true });
add({ name: "version-case", source: NPM, note: "The version is exact: V1 is not v1.", header: "V1" + H.slice(2), secrets: one, valid: false });
add({ name: "missing-padding", source: NPM, note: "The v1 value without its '=' padding: not the value any signer sends, not a match.", header: H.replace(/=+$/, ""), secrets: one, valid: false });
const last = H.charAt(H.length - 2);
const tweaked = "AEIMQUYcgkosw048".includes(last) ? String.fromCharCode(last.charCodeAt(0) + 1) : null;
if (!tweaked) throw new Error("pick another message for the non-canonical case");
add({ name: "non-canonical-base64", source: NPM, note: "The last base64 character with its unused bits set: decodes to the same bytes, but is not the canonical spelling, so it is refused (the official libraries compare text and refuse it too).",
  header: H.slice(0, H.length - 2) + tweaked + "=", secrets: one, valid: false });
add({ name: "partial-signature", source: NPM, note: "The header cut after 8 characters (the official libraries' 'partial signature' test).", header: H.slice(0, 8), secrets: one, valid: false });
add({ name: "no-comma", source: NPM, note: "An entry without a comma.", header: "v1" + H.slice(3), secrets: one, valid: false });
add({ name: "empty-value", source: NPM, note: "v1 with nothing after the comma.", header: "v1,", secrets: one, valid: false });
add({ name: "empty-header", source: NPM, note: "An empty header value.", header: "", secrets: one, valid: false });
add({ name: "too-many-signatures", source: NPM, note: "17 entries, more than the 16 accepted, even though the last matches.", header: Array(16).fill(H_OTHER).concat([H]).join(" "), secrets: one, valid: false });
add({ name: "too-long-header", source: NPM, note: "A header over 4096 characters (padding spaces), even though it would match.", header: H + " ".repeat(4100), secrets: one, valid: false });
add({ name: "id-with-dot", source: NPM, note: "The specification asks that ids hold no '.', which would make the signed content ambiguous: refused here even though the HMAC matches (the official libraries accept it).",
  id: "msg.2KWPBgLlAfxdpx2AI54pPJ85f4W", header: v1(S_A, "msg.2KWPBgLlAfxdpx2AI54pPJ85f4W", SPEC_TS, SPEC_BODY), secrets: one, valid: false });
add({ name: "timestamp-leading-zero", source: NPM, note: "A timestamp with a leading zero: refused (no signer writes one; the official libraries parse it as a number and sign the number).",
  ts: "0" + SPEC_TS, header: H, secrets: one, valid: false });
add({ name: "timestamp-plus-sign", source: NPM, note: "A timestamp with a '+': refused (Java's Long.parseLong would accept it).", ts: "+" + SPEC_TS, header: H, secrets: one, valid: false });
add({ name: "timestamp-fraction", source: NPM, note: "A timestamp with a fraction.", ts: SPEC_TS + ".5", header: H, secrets: one, valid: false });

// --- v1 by the official Java library ---
const javaLines = fs.readFileSync(process.argv[2], "utf8").split("\n").filter((l) => l.trim());
for (const line of javaLines) {
  const j = JSON.parse(line);
  const body = Buffer.from(j.body_base64, "base64");
  const npm = v1(j.secret, j.id, j.timestamp, body);
  if (npm !== j.signature) throw new Error(`${j.name}: the Java library and the npm package disagree`);
  add({ name: j.name, source: "com.standardwebhooks:standardwebhooks:1.2.0 (Webhook.sign), equal to " + NPM,
    note: "Signed by the official Java library (JavaLibrarySigner.java).", id: j.id, ts: j.timestamp, body, header: j.signature,
    now: Number(j.timestamp), secrets: [j.secret], valid: true, sign: { secrets: [j.secret] } });
}

// --- v1a by Node's crypto ---
const A1 = v1a(K1, SPEC_ID, SPEC_TS, SPEC_BODY);
const A2 = v1a(K2, SPEC_ID, SPEC_TS, SPEC_BODY);
const A3 = v1a(K3, SPEC_ID, SPEC_TS, SPEC_BODY);
if (v1a({ priv: crypto.createPrivateKey({ key: Buffer.concat([PKCS8, Buffer.from(K1.whsk64.slice(5), "base64").subarray(0, 32)]), format: "der", type: "pkcs8" }) }, SPEC_ID, SPEC_TS, SPEC_BODY) !== A1) throw new Error("Ed25519 is not deterministic?");
add({ name: "v1a-valid", source: NODE, note: "An Ed25519 signature by the key whose whpk_ the receiver holds.", header: A1, publicKeys: [K1.whpk], valid: true, sign: { signingKeys: [K1.whsk] } });
add({ name: "v1a-64-byte-signing-key", source: NODE, note: "The same signature from the signing key written as seed and public key (64 bytes).", header: A1, publicKeys: [K1.whpk], valid: true, sign: { signingKeys: [K1.whsk64] } });
add({ name: "v1a-rotation-receiver-holds-two", source: NODE, note: "The receiver holds two public keys; the signature is by the first.", header: A1, publicKeys: [K2.whpk, K1.whpk], valid: true });
add({ name: "v1a-rotation-two-signatures", source: NODE, note: "Two v1a signatures, by the new and the old key; the receiver holds only the old one.", header: `${A2} ${A1}`, publicKeys: [K1.whpk], valid: true, sign: { signingKeys: [K2.whsk, K1.whsk] } });
add({ name: "v1a-wrong-key", source: NODE, note: "Signed by a key the receiver does not hold.", header: A3, publicKeys: [K1.whpk, K2.whpk], valid: false, sign: { signingKeys: [K3.whsk] } });
add({ name: "v1a-tampered-body", source: NODE, note: "The body changed after signing.", body: Buffer.concat([SPEC_BODY, Buffer.from(" ")]), header: A1, publicKeys: [K1.whpk], valid: false });
add({ name: "v1a-stale", source: NODE, note: "Checked 301 s after the timestamp.", header: A1, now: T + 301, publicKeys: [K1.whpk], valid: false });
add({ name: "v1a-utf8-body", source: NODE, note: "Multi-byte UTF-8 body.", body: utf8, header: v1a(K1, SPEC_ID, SPEC_TS, utf8), publicKeys: [K1.whpk], valid: true, sign: { signingKeys: [K1.whsk] } });
add({ name: "v1a-labelled-v1", source: NODE, note: "An Ed25519 signature labelled v1: not a 32-byte HMAC, not a match.", header: "v1," + A1.slice(4), secrets: one, publicKeys: [K1.whpk], valid: false });
add({ name: "v1a-truncated", source: NODE, note: "A v1a value of 63 bytes.", header: "v1a," + b64(Buffer.from(A1.slice(4), "base64").subarray(0, 63)), publicKeys: [K1.whpk], valid: false });
add({ name: "v1a-secret-only-receiver", source: NODE, note: "A v1a signature to a receiver holding only a whsec_ secret.", header: A1, secrets: one, valid: false });
add({ name: "mixed-v1-and-v1a-public-key", source: `${NPM} and ${NODE}`, note: "One v1 and one v1a; the receiver holds only the public key.", header: `${H} ${A1}`, publicKeys: [K1.whpk], valid: true, sign: { secrets: one, signingKeys: [K1.whsk] } });
add({ name: "mixed-v1-and-v1a-secret", source: `${NPM} and ${NODE}`, note: "One v1 and one v1a; the receiver holds only the secret.", header: `${H} ${A1}`, secrets: one, valid: true });

process.stdout.write(JSON.stringify({
  scheme: "Standard Webhooks: webhook-signature = space-separated 'v1,' + base64(HMAC-SHA256(base64decode(secret after whsec_), id + '.' + timestamp + '.' + raw body)) and/or 'v1a,' + base64(Ed25519 signature of the same content by the whsk_ seed, verified with the whpk_ raw public key); |now - timestamp| <= tolerance_seconds",
  computed_with: `standard-webhooks-signatures.sh: v1 values by the npm package standardwebhooks@${npmVersion} (Webhook.sign) and, in the java-library-* cases, by the official Java library com.standardwebhooks:standardwebhooks:1.2.0 (checked equal to the npm package); v1a values by ${NODE}; official-example* are the values published in the official libraries' tests; none uses the kit's code. Bodies are base64 of the exact bytes; cases with a sign member are in the form the kit's signer must reproduce exactly (v1 per secret, then v1a per signing key, space-separated) from those keys, id and timestamp; 'valid' is the kit's verdict (the notes say where it is stricter than the official libraries).`,
  keys: { K1: { whpk: K1.whpk, whsk: K1.whsk }, K2: { whpk: K2.whpk, whsk: K2.whsk }, K3: { whpk: K3.whpk, whsk: K3.whsk } },
  cases,
}, null, 2) + "\n");
