// Who owns which part of a record, and what a signature covers
// (docs/record.md, sections 2, 4 and 5): a party's signature entry and
// private notes are its own; everything else is shared content. A
// signature seals the content fingerprint; the record fingerprint covers
// the content and every signature entry, so two copies show the same one
// exactly when both are equal. No DOM here.

import { entries, fromEntries, keys } from "./util.js";
import { privateOwner, shareable } from "./record.js";
import { ownerOf, signParts } from "./owner.js";

export { ownerOf };
import { fingerprint } from "./fingerprint.js";

// content is what a signature covers: the shared values and the shared
// earlier values that leave the device, of one method. legacy: the
// format-1 rule, under which a party's reaction was part of it.
export const content = (rec, s, legacy) => {
  const signing = k => { const p = k.split("."); return p[0] == s.signoff && p.length == 3 && p[2] != "reaction" && signParts.includes(p[2]); };
  const keep = o => fromEntries(entries(o).filter(([k, x]) => legacy ? !signing(k) && privateOwner(k, x, s) == null : ownerOf(k, x, s) == null));
  const v = rec.values || {};
  return { method: rec.method, values: keep(v), earlier: keep(shareable(rec.earlier || {}, s, v)) };
};

export const contentPrint = (rec, s, legacy) => fingerprint(content(rec, s, legacy), legacy);

// entry is a party's signature as the protocol sees it.
export const entry = (v, party, s) => {
  const at = part => { const x = v?.[`${s.signoff}.${party}.${part}`]; return typeof x == "string" ? x : ""; };
  return { party, verdict: at("verdict"), name: at("name"), date: at("date"), reaction: at("reaction"), content: at("seal") };
};

// signatures are every party's entry (parties: the method's roles; a
// party found in the values counts too).
export const signatures = (v, parties, s) => fromEntries([...new Set([...parties, ...keys(v || {})
  .filter(k => k.startsWith(s.signoff + ".")).map(k => k.split(".")[1])])].map(p => [p, entry(v, p, s)]));

// current: the entry is signed and seals the content as it is now.
export const current = (e, cp) => !!e.verdict && e.content == cp;

// recordPrint covers the content and every signature entry.
export const recordPrint = async (rec, parties, s) => {
  const cp = await contentPrint(rec, s);
  const sigs = fromEntries(entries(signatures(rec.values, parties, s)).map(([p, { party, ...e }]) => [p, e]));
  return { content: cp, record: await fingerprint({ content: cp, signatures: sigs }), sigs };
};

// upgrade reads a format-1 record as format 2: a seal that equals the
// format-1 fingerprint of its content signed that content, and now seals
// it as format 2 counts it; any other seal stays, and shows as withdrawn.
export const upgrade = async (rec, s) => {
  if (rec.format >= 2) return rec;
  const v = { ...rec.values }, old = await contentPrint(rec, s, true), now = await contentPrint(rec, s);
  for (const k of keys(v)) if (k.startsWith(s.signoff + ".") && k.endsWith(".seal") && v[k] && v[k] == old) v[k] = now;
  return { ...rec, values: v, format: 2 };
};

