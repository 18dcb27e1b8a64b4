// The fingerprint of a record's content: SHA-256 (Web Crypto) of a
// canonical form, so that two copies of the same content, on two devices,
// in Dutch or German, give the same fingerprint, and any change to a value
// gives another. No DOM here.

// canonical writes a value with sorted keys, text in Unicode NFC with
// plain line ends and no surrounding space, and without what says
// nothing (empty text, unticked boxes, empty rows, trailing empty
// entries), so that "not filled in" is the same however it is stored.
export const canonical = (v) => {
  const norm = (x) => {
    if (typeof x == "string") return x.normalize("NFC").replace(/\r\n?/g, "\n").trim() || undefined;
    if (Array.isArray(x)) {
      const a = x.map(y => norm(y) ?? null);
      while (a.length && a.at(-1) == null) a.pop();
      return a.length ? a : undefined;
    }
    if (x && typeof x == "object") {
      const o = Object.keys(x).sort().flatMap(k => { const y = norm(x[k]); return y === undefined ? [] : [[k, y]]; });
      return o.length ? Object.fromEntries(o) : undefined;
    }
    return x || undefined;
  };
  return JSON.stringify(norm(v) ?? null);
};

// fingerprint returns the SHA-256 of the canonical form as 64 hex digits,
// or "" where the browser offers no Web Crypto (a page not served over
// HTTPS or from localhost).
export const fingerprint = async (v) => {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return "";
  const d = await subtle.digest("SHA-256", new TextEncoder().encode(canonical(v)));
  return [...new Uint8Array(d)].map(b => b.toString(16).padStart(2, "0")).join("");
};

// short is what people compare: the first 80 bits, in five groups of four.
export const short = h => h.slice(0, 20).toUpperCase().replace(/(.{4})(?=.)/g, "$1 ");
