// The canonical form of a value (docs/record.md, section 5), which a
// fingerprint hashes and a merge compares by. Pure, and a module of its
// own apart from fingerprint.js: the merge (in the tools' bundle) needs
// only this, while the hashing, with its state (where the fallback
// module is, and that module once loaded), belongs to the sign-off's
// bundle alone. No DOM here.

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
