// The fingerprints of a record (docs/record.md, section 5): the canonical
// form of a value, the content fingerprint a signature seals, and the
// record fingerprint two copies are compared by. SHA-256 comes from Web
// Crypto where the browser offers it, and otherwise (a page on a
// plain-HTTP intranet has none) from @noble/hashes (vendored, see
// vendor/noble-hashes/README.md), loaded only then, as a module of its
// own (js/sha256.js), so that no page pays for it that does not need
// it. Both give the same digest. No DOM here.

const utf8 = new TextEncoder();

// hashFrom tells where the fallback module is (the page's config; the
// tests pass the vendored file).
let fallback, hasher;
export const hashFrom = (url) => { fallback = url; };

// canonical writes a value with sorted keys, text in Unicode NFC with
// plain line ends and no surrounding space, and without what says
// nothing (empty text, unticked boxes, empty rows, trailing empty
// entries), so that "not filled in" is the same however it is stored. A
// table row that says nothing is left out wherever it stands (a numbered
// list keeps its positions); legacy: format 1, which kept such a row's
// place as null.
export const canonical = (v, legacy) => {
  // norm returns the canonical JSON of x, or undefined when x says nothing.
  // Keys are written in sorted order by hand: an object would put keys
  // that look like numbers first.
  const norm = (x) => {
    if (typeof x == "string") {
      const t = x.normalize("NFC").replace(/\r\n?/g, "\n").trim();
      return t ? JSON.stringify(t) : undefined;
    }
    if (Array.isArray(x)) {
      const a = x.flatMap(y => { const n = norm(y); return n !== undefined ? [n] : !legacy && y && typeof y == "object" ? [] : ["null"]; });
      while (a.length && a.at(-1) == "null") a.pop();
      return a.length ? "[" + a + "]" : undefined;
    }
    if (x && typeof x == "object") {
      const o = Object.keys(x).sort().flatMap(k => { const y = norm(x[k]); return y === undefined ? [] : [JSON.stringify(k) + ":" + y]; });
      return o.length ? "{" + o + "}" : undefined;
    }
    return x === true ? "true" : typeof x == "number" && x ? String(x) : undefined;
  };
  return norm(v) ?? "null";
};

// fingerprint returns the SHA-256 of the canonical form as 64 hex digits.
export const fingerprint = async (v, legacy) => {
  const bytes = utf8.encode(canonical(v, legacy)), subtle = globalThis.crypto?.subtle;
  const d = subtle ? new Uint8Array(await subtle.digest("SHA-256", bytes)) : (await (hasher ||= import(fallback))).sha256(bytes);
  return [...d].map(b => b.toString(16).padStart(2, "0")).join("");
};

// short is what people compare: the first 80 bits, in five groups of four.
export const short = h => h.slice(0, 20).toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
