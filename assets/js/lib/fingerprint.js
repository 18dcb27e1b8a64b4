// The fingerprints of a record (docs/record.md, section 5): the SHA-256
// of a value's canonical form (canonical.js), of which the content
// fingerprint a signature seals and the record fingerprint two copies are
// compared by are made. SHA-256 comes from Web Crypto where the browser
// offers it, and otherwise (a page on a plain-HTTP intranet has none)
// from @noble/hashes (vendored, see vendor/noble-hashes/README.md),
// loaded only then, as a module of its own (js/sha256.js), so that no
// page pays for it that does not need it. Both give the same digest. No
// DOM here. On a form page this module is the sign-off's (form-sign.js)
// alone: where the fallback is (hashFrom) is set there, so any other
// bundle holding a copy would hash without it (the tools reach the
// sign-off's upgrade through the form script instead).

import { canonical } from "./canonical.js";

export { canonical };

const utf8 = new TextEncoder();

// hashFrom tells where the fallback module is (the page's config; the
// tests pass the vendored file).
let fallback, hasher;
export const hashFrom = (url) => { fallback = url; };

// fingerprint returns the SHA-256 of the canonical form as 64 hex digits.
export const fingerprint = async (v, legacy) => {
  const bytes = utf8.encode(canonical(v, legacy)), subtle = globalThis.crypto?.subtle;
  const d = subtle ? new Uint8Array(await subtle.digest("SHA-256", bytes)) : (await (hasher ||= import(fallback))).sha256(bytes);
  return [...d].map(b => b.toString(16).padStart(2, "0")).join("");
};

// short is what people compare: the first 80 bits, in five groups of four.
export const short = h => h.slice(0, 20).toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
