// Ed25519 for the Standard Webhooks interop test (StandardWebhooksInteropTest), with Node's own crypto:
//   node ed25519.js keypair                         -> "whsk_<seed> whpk_<public key>" (a new random key)
//   node ed25519.js sign WHSK CONTENT_B64           -> "v1a,<base64 signature>"
//   node ed25519.js verify WHPK CONTENT_B64 V1A     -> "true" or "false"
// Keys are the specification's serialization: base64 of the 32-byte seed / raw public key.
"use strict";
const crypto = require("crypto");
const PKCS8 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI = Buffer.from("302a300506032b6570032100", "hex");
const raw = (key, prefix) => {
  if (!key.startsWith(prefix)) throw new Error(`expected ${prefix}`);
  return Buffer.from(key.slice(prefix.length), "base64").subarray(0, 32);
};
const [op, ...args] = process.argv.slice(2);
if (op === "keypair") {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(16);
  const pub = publicKey.export({ format: "der", type: "spki" }).subarray(12);
  console.log(`whsk_${seed.toString("base64")} whpk_${pub.toString("base64")}`);
} else if (op === "sign") {
  const key = crypto.createPrivateKey({ key: Buffer.concat([PKCS8, raw(args[0], "whsk_")]), format: "der", type: "pkcs8" });
  console.log("v1a," + crypto.sign(null, Buffer.from(args[1], "base64"), key).toString("base64"));
} else if (op === "verify") {
  const key = crypto.createPublicKey({ key: Buffer.concat([SPKI, raw(args[0], "whpk_")]), format: "der", type: "spki" });
  if (!args[2].startsWith("v1a,")) throw new Error("expected v1a,");
  console.log(String(crypto.verify(null, Buffer.from(args[1], "base64"), key, Buffer.from(args[2].slice(4), "base64"))));
} else {
  throw new Error("usage: keypair | sign WHSK CONTENT_B64 | verify WHPK CONTENT_B64 V1A");
}
