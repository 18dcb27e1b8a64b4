// Two parties, one conversation, no server (docs/record.md, section 3).
// The other party's file is merged into this draft: each party's owned
// part (its signature entry, its private notes) comes from its owner's
// copy, whole; shared content merges field by field, and nothing is
// overwritten silently: a field empty here takes theirs; a field that
// differs on both sides is a conflict, to be chosen; a table whose rows
// one side already holds takes the fuller one. What was decided once is
// remembered (seen: key → hash of their value), so merging the same file
// again changes nothing. A value under a key the form does not have goes
// to the earlier-version values, never away. No DOM here.

import { entries, fromEntries, keys, isPlain, isList, json, same, put, own, hasOwn } from "./util.js";
import { empty } from "./record.js";
import { canonical } from "./canonical.js";
import { partOf, owners, shared } from "./owner.js";

// the rows of a table that say something, each as text to compare
const rowsOf = v => isList(v) && v.every(isPlain) && v.filter(r => !empty(r)).map(r => canonical(r));
const within = (a, b) => a.every(r => b.includes(r));

// hash is a short, stable digest of a value (two 32-bit FNV-style lanes),
// for remembering decisions; it is not a fingerprint.
export const hash = (v) => {
  let a = 2166136261, b = 5381;
  for (const c of json(v)) {
    a = Math.imul(a ^ c.charCodeAt(0), 16777619);
    b = Math.imul(b, 33) ^ c.charCodeAt(0);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
};

// merge returns what merging theirs into mine gives before any choice:
// values (mine plus what theirs adds without conflict), taken (keys added)
// and conflicts ([key, mine, theirs, both]; both is the union of the rows
// that say something, for tables, else undefined).
export const merge = (mine, theirs, seen = {}) => {
  const values = { ...mine }, taken = [], conflicts = [];
  for (const [k, t] of entries(theirs)) {
    const m = mine[k], a = rowsOf(m), b = rowsOf(t);
    if (empty(t) || canonical(m) == canonical(t) || own(seen, k) == hash(t) || !empty(m) && a && b && within(b, a)) continue;
    if (empty(m) || a && b && within(a, b)) {
      put(values, k, t);
      taken.push(k);
    } else conflicts.push([k, m, t, a && b && m.concat(t).filter(r => !empty(r)).filter((r, i, all) => all.findIndex(x => same(x, r)) == i)]);
  }
  return { values, taken, conflicts };
};

// resolve applies choices (key → 0 mine, 1 theirs, 2 both) to a merge and
// returns the values, the keys that changed, and what to remember.
export const resolve = ({ values, taken, conflicts }, choices) => {
  const out = { ...values }, changed = [...taken], seen = {};
  for (const [k, , t, both] of conflicts) {
    const c = choices[k] || 0;
    seen[k] = hash(t);
    if (c) {
      put(out, k, c == 2 && both || t);
      changed.push(k);
    }
  }
  for (const k of taken) seen[k] = hash(out[k]);
  return { values: out, changed, seen };
};

// later orders two copies' versions of one party's part: the owner's copy
// first, then the later stamp, then the larger canonical form (any fixed
// order will do: it makes A+B and B+A agree).
const rank = (x, p, s) => [x.party === p ? 1 : 0, +own(x.stamps || {}, p) || 0, canonical(partOf(x.values, p, s))];
const later = (a, b, p, s) => {
  const [x, y] = [rank(a, p, s), rank(b, p, s)];
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
};

const blank = v => typeof v == "boolean" ? false : isList(v) ? [] : "";

// keepEarlier adds values to earlier ones: a key already there with
// another value keeps both, the other under "<key> #<hash>".
export const keepEarlier = (earlier, add) => {
  const out = fromEntries(entries(earlier || {}));
  for (const [k, v] of entries(add)) {
    if (!hasOwn(out, k)) put(out, k, v);
    else if (canonical(out[k]) != canonical(v)) {
      const [keep, other] = canonical(out[k]) < canonical(v) ? [out[k], v] : [v, out[k]];
      put(out, k, keep);
      put(out, `${k} #${hash(other)}`, other);
    }
  }
  return out;
};

// mergeRecords merges copy b into copy a ({party, values, earlier,
// stamps}) before any choice: values (a's shared values plus what b adds
// without conflict, and every owned part from its owner's copy), earlier
// (both sides', and b's values under keys the form does not know:
// known(key)), stamps, the conflicts to choose ([key, a's, b's, both]),
// taken (shared keys taken from b), owned (owned keys that changed) and
// kept (keys put in earlier). s: the record's fixed keys.
export const mergeRecords = (a, b, s, { seen = {}, known = () => true } = {}) => {
  const unknown = fromEntries(entries(b.values || {}).filter(([k]) => !known(k)));
  const bv = fromEntries(entries(b.values || {}).filter(([k]) => known(k)));
  const m = merge(shared(a.values, s), shared(bv, s), seen);
  const values = { ...a.values }, stamps = { ...a.stamps }, owned = [];
  for (const [k, v] of entries(m.values)) put(values, k, v);
  for (const p of owners(s, a.values, bv)) {
    if (later(a, { ...b, values: bv }, p, s) >= 0) continue;
    const mine = partOf(a.values, p, s), theirs = partOf(bv, p, s);
    // a signature key their part lacks is emptied, not deleted, so that
    // the form's control is emptied too (canonically the two are the
    // same); a private note their copy does not carry was withheld, not
    // emptied, and stays as it is here
    for (const [k, v] of entries(mine)) if (!hasOwn(theirs, k) && !empty(v) && k.startsWith(s.signoff + ".")) { put(values, k, blank(v)); owned.push(k); }
    for (const [k, v] of entries(theirs)) if (!same(own(mine, k), v)) { put(values, k, v); owned.push(k); }
    if (hasOwn(b.stamps || {}, p)) stamps[p] = b.stamps[p];
  }
  const add = { ...b.earlier, ...unknown };
  const earlier = keepEarlier(a.earlier, add);
  return { values, earlier, stamps, conflicts: m.conflicts, taken: m.taken, owned, kept: keys(earlier).filter(k => !hasOwn(a.earlier || {}, k)) };
};
