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
