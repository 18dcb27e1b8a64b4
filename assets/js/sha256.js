// SHA-256 for a page whose browser offers no Web Crypto (a plain-HTTP
// intranet): loaded by lib/fingerprint.js only then. @noble/hashes,
// vendored (vendor/noble-hashes/README.md).

export { sha256 } from "./vendor/noble-hashes/sha2.js";
