// Who owns which part of a record (docs/record.md, section 2): a party's
// signature entry (signoff.<party>.*) and its private notes are its own;
// every other key is shared content. No DOM and no hashing here: the form
// and the merge need these on every page.

import { entries, fromEntries } from "./util.js";
import { privateOwner } from "./record.js";

// The parts of a signature entry, as the form names its controls
// (signoff.<party>.<part>); "seal" holds the entry's content fingerprint.
export const signParts = ["name", "date", "verdict", "reaction", "seal"];

// ownerOf returns the party that owns a key (its signature entry, its
// private notes; "" for a private note of nobody in particular), or null
// for shared content. s: the record's fixed keys (cfg.schema).
export const ownerOf = (k, v, s) => {
  const p = k.split(".");
  if (p[0] == s.signoff && p.length >= 3) return p[1];
  return privateOwner(k, v, s);
};

// shared keeps the values that are shared content.
export const shared = (v, s) => fromEntries(entries(v || {}).filter(([k, x]) => ownerOf(k, x, s) == null));

// partOf is a party's owned part of values.
export const partOf = (v, party, s) => fromEntries(entries(v || {}).filter(([k, x]) => ownerOf(k, x, s) === party));

// owners lists the parties that own something in any of the values.
export const owners = (s, ...vs) => [...new Set(vs.flatMap(v => entries(v || {}).map(([k, x]) => ownerOf(k, x, s)).filter(o => o != null)))];

