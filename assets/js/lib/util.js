// Small helpers the pure modules share (one copy in the bundle).

export const { entries, fromEntries, keys, values, hasOwn, assign } = Object;
export const isList = Array.isArray;
export const isText = v => typeof v == "string";
export const isPlain = v => v !== null && typeof v == "object" && !isList(v);
export const json = JSON.stringify;
export const same = (a, b) => json(a) === json(b);
// own reads a key of an object as data, even "__proto__"
export const own = (o, k) => hasOwn(o, k) ? o[k] : undefined;
// put sets a key as data, even "__proto__"
export const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
export const newId = () => Date.now().toString(36) + Math.random().toString(36).slice(2, 7);

// clean removes from a text what must not reach the page from a file:
// control characters other than tab and line ends, and the bidirectional
// overrides and isolates that make text display other than it reads
// (as the Go tools do with an organisation's texts).
const unsafe = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
export const clean = s => s.replace(unsafe, "");

// cleanAll cleans every text and key of parsed JSON (keys as data, even
// "__proto__").
export const cleanAll = v => typeof v == "string" ? clean(v) : isList(v) ? v.map(cleanAll)
  : isPlain(v) ? entries(v).reduce((o, [k, x]) => put(o, clean(k), cleanAll(x)), {}) : v;
