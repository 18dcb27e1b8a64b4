// Two parties, one conversation, no server: the other party's file is
// merged into this draft field by field. Nothing is overwritten silently:
// a field empty here takes theirs; a field that differs on both sides is a
// conflict, to be chosen; a table whose rows one side already holds takes
// the fuller one. What was decided once is remembered (seen: key → hash of
// their value), so merging the same file again changes nothing. No DOM here.

import { entries, isPlain, isList, json, same, put } from "./util.js";
import { empty } from "./record.js";

// the rows of a table that say something, each as text to compare
const rowsOf = v => isList(v) && v.every(isPlain) && v.filter(r => !empty(r)).map(json);
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
    if (empty(t) || same(m, t) || seen[k] == hash(t) || !empty(m) && a && b && within(b, a)) continue;
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
