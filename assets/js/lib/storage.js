// Drafts in localStorage, or in anything with its interface (the tests
// pass a stand-in with a quota). One record per draft under
// <site>:<method>:<id>; the draft opened last under <site>:<method>. A
// deleted draft leaves a tombstone ({id, deletedAt}), so that a tab still
// showing it cannot bring it back by saving. No DOM here.

import { fromEntries, keys, isPlain, json, same, own } from "./util.js";
import { isStored } from "./schema.js";

export { isPlain, same, newId } from "./util.js";

// A tombstone is kept this long (ms): long enough for any open tab to see it.
const keepTombstones = 864e5 * 90;

// sound: a record that may be opened (its method is the one of its key).
const sound = (r, method) => isPlain(r) && isStored({ ...r, method });

export const drafts = (ls, site) => {
  const key = (method, id) => site + ":" + method + (id ? ":" + id : "");
  const read = (k) => {
    try { return ls.getItem(k); } catch {}
  };
  // get returns a sound record (or tombstone), or undefined
  const get = (method, id) => {
    let r;
    try { r = JSON.parse(read(key(method, id))); } catch {}
    return sound(r, method) ? r : undefined;
  };
  const set = (k, v) => {
    try { return ls.setItem(k, v), true; } catch { return false; }
  };
  const drop = (k) => {
    try { ls.removeItem(k); } catch {}
  };
  // each record of this site, tombstones included, with its method; and
  // the damaged ones (they do not parse, or break the schema:
  // docs/record.md, section 7), with their raw text. A damaged record is
  // never opened, overwritten or counted, and hides no other.
  const scan = () => {
    const out = [], bad = [];
    let n = 0;
    try { n = ls.length; } catch {}
    for (let i = 0; i < n; i++) {
      let k;
      try { k = ls.key(i); } catch {}
      const [method, id, more] = k?.startsWith(site + ":") ? k.slice(site.length + 1).split(":") : [];
      if (!id || more != null) continue;
      const raw = read(k);
      let r;
      try { r = JSON.parse(raw); } catch {}
      if (sound(r, method) && r.id === id) out.push({ ...r, method });
      else bad.push({ method, id, key: k, raw: String(raw ?? "") });
    }
    return { out, bad };
  };
  const each = () => scan().out;
  const putAll = (items) => {
    const before = items.map(([m, r]) => [key(m, r.id), read(key(m, r.id))]);
    if (items.every(([m, r]) => set(key(m, r.id), json(r)))) return true;
    for (const [k, v] of before) v == null ? drop(k) : set(k, v);
    return false;
  };
  return {
    key, get, putAll,
    damaged: () => scan().bad,
    // all drafts of one method (or of every method), oldest first
    list: method => each().filter(r => !r.deletedAt && (!method || r.method == method)).sort((a, b) => a.created - b.created),
    put: (method, r) => putAll([[method, r]]),
    // drop frees the space first, so that a full storage can still delete
    drop(method, id, now = Date.now()) {
      drop(key(method, id));
      set(key(method, id), json({ id, deletedAt: now }));
    },
    last: method => read(key(method)),
    mark: (method, id) => set(key(method), id),
    // purge removes tombstones older than any tab could still care about
    purge: (now = Date.now()) => each().map(r => r.deletedAt < now - keepTombstones && drop(key(r.method, r.id))),
  };
};

// The parts of a record other than its values that tabs keep in step.
const meta = ["name", "party", "stamps", "earlier", "contrib", "exportedAt", "pending"];

// sync brings two copies of one draft together (this tab's and the one
// another tab stored): field by field the later edit (touched: key → ms;
// "@name" for the record's own parts) wins, so two tabs editing different
// fields lose nothing; a tie keeps mine. It returns the record and the
// keys whose value came from theirs.
export const sync = (mine, theirs) => {
  const ta = mine.touched || {}, tb = theirs.touched || {}, gained = [], touched = [];
  const lww = (a, b, pre) => fromEntries([...new Set([...keys(a), ...keys(b)])].flatMap((k) => {
    const t = pre + k, x = own(ta, t) || 0, y = own(tb, t) || 0, from = !same(own(a, k), own(b, k)) && y > x ? b : a;
    if (from == b) gained.push(t);
    touched.push([t, Math.max(x, y)]);
    return k in from ? [[k, own(from, k)]] : [];
  }));
  const parts = o => fromEntries(meta.map(k => [k, o[k]]));
  const values = lww(mine.values || {}, theirs.values || {}, "");
  return { rec: { ...mine, ...lww(parts(mine), parts(theirs), "@"), values, touched: fromEntries(touched) }, gained };
};
