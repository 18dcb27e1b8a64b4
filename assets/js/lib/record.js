// The record: what a draft's values may look like, what may leave the
// device, the export file (read and written), a follow-up's values and
// file names. No DOM here; the record's fixed keys come from the page's
// config (cfg.schema), written once in layouts/_partials/form/schema.html.

import { entries, fromEntries, values, isList, isText, isPlain, cleanAll } from "./util.js";
import { isExport, isFuture, isValues, format } from "./schema.js";

export { isValues };
export const maxBytes = 1 << 20;

// A value is empty when it says nothing: no text, no tick, no row with text.
export const empty = v => isList(v) || isPlain(v) ? values(v).every(empty) : !(isText(v) ? v.trim() : v);

// privateOwner returns whose private note a key holds ("" for nobody in
// particular), or null when it is not a private note: any key whose first
// part is "private", in any case or version, except a yes/no share box.
export const privateOwner = (k, v, s) => {
  const p = k.trim().toLowerCase().split(".");
  return p[0] != s.private || p.at(-1) == s.share && typeof v == "boolean" ? null : p[1] || "";
};

// shareable returns the values without every private note whose owner did
// not tick that it may leave the device (flags: the values holding the
// boxes, by default the same ones).
export const shareable = (v, s, flags = v) => fromEntries(entries(v || {}).filter(([k, x]) => {
  const owner = privateOwner(k, x, s);
  return owner == null || owner && flags[`${s.private}.${owner}.${s.share}`] === true;
}));

// exportDoc is the file a draft leaves the device as (docs/record.md,
// section 6). Format 1 files had app, method, version, lang, name,
// savedAt, values and earlier, later also party, contrib and fingerprint;
// format 2 adds format and stamps. extra: the fingerprints.
export const exportDoc = (d, cfg, extra) => ({
  app: "gesprekswijzer", format, method: d.method || cfg.method, lang: d.lang || cfg.lang,
  // a record without its version (none the form wrote) is of its method's current one
  version: d.version || cfg.version || cfg.methods?.find(m => m.id == d.method)?.version || 1,
  name: d.name, savedAt: d.savedAt, party: d.party || "",
  values: shareable(d.values, cfg.schema), earlier: shareable(d.earlier, cfg.schema, d.values || {}),
  stamps: isPlain(d.stamps) ? d.stamps : {}, contrib: d.contrib || [], ...extra,
});

// forRecipient is the part of a record for someone beyond the two parties
// (docs/record.md, section 8): "hr" (HR development's notice) or "file"
// (the personnel file), with the conversation's date, department, period,
// participants and next date, the fields marked for it (to: field ids,
// and "signoff" for the sign-off's verdicts, names, dates and reactions)
// and the record fingerprint of the whole record the two parties hold.
export const forRecipient = (d, cfg, kind, extra) => {
  const s = cfg.schema, about = [s.date, s.previous, s.department, s.period, s.participants, s.next], to = cfg.to[kind] || [];
  const signed = k => { const p = k.split("."); return to.includes(s.signoff) && p[0] == s.signoff && p.length == 3 && p[2] != "seal"; };
  return {
    app: "gesprekswijzer", kind: kind == "hr" ? "hr-notice" : "personnel-file", format, method: d.method || cfg.method,
    version: cfg.version, lang: cfg.lang, title: cfg.title, name: d.name, savedAt: d.savedAt,
    values: fromEntries(entries(d.values).filter(([k]) => about.includes(k) || to.includes(k) || signed(k))), ...extra,
  };
};

// readDoc checks a file's text and returns [doc] or [problem, vars]; the
// problem is a message key. methods: the site's methods (id, version);
// want: the method the file must belong to, or "" for any of them. Values
// are kept as own properties (a key such as "__proto__" stays a key).
export const readDoc = (text, size, file, methods, want) => {
  let d;
  try { d = cleanAll(JSON.parse(text)); } catch {}
  const m = methods.find(x => x.id == d?.method), vars = { file, method: String(d?.method).slice(0, 80) };
  const problem = size > maxBytes ? "too_big"
    : isFuture(d) ? "newer" : !isExport(d) ? "not_json"
    : want && d.method != want ? "other_method" : !m ? "unknown_method" : d.version > m.version && "newer";
  return problem ? [problem, { ...vars, version: d?.version, current: m?.version }] : [{
    method: d.method, version: d.version, format: d.format || 1, file,
    name: (d.name?.trim() ? d.name : file).slice(0, 200),
    party: (d.party || "").slice(0, 40), stamps: d.stamps || {},
    values: d.values, earlier: d.earlier || {},
    contrib: (d.contrib || []).slice(0, 100).map(contribution),
  }];
};

// contribution keeps of a file's record of who contributed what only its
// known parts: who, party, file, at, keys, and seen (key → hash).
const text = v => isText(v) ? v.slice(0, 200) : "";
const contribution = c => ({
  who: text(c.who), party: text(c.party), file: text(c.file), at: text(c.at),
  keys: (c.keys || []).slice(0, 1000), seen: fromEntries(entries(c.seen || {})),
});

// followUp gives the values a follow-up conversation starts with: the
// keys the schema carries over (this conversation's date becomes the
// previous one, the planned date this one's; unit, period and
// participants stay), and every agreement of the agreements fields (ids,
// of the method the values come from) to review, with its status set to
// "achieved" where it was ticked done.
export const followUp = (v, agreements, s) => {
  const a = s.agreement, out = fromEntries(entries(s.follow).filter(([from]) => !empty(v[from])).map(([from, to]) => [to, v[from]]));
  const review = agreements.flatMap(id => isList(v[id]) ? v[id] : []).filter(r => isPlain(r) && !empty(r[a.what]))
    .map(r => ({ [a.what]: r[a.what], [a.who]: r[a.who] || "", [a.due]: r[a.due] || "", [a.status]: r[a.done] === true ? s.status[0] : "" }));
  if (review.length) out[s.review] = review;
  return out;
};

// slug turns a name into a file-name part: lower case, ASCII, dashes.
export const slug = s => (s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
  .replace(/ß/g, "ss").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

// fileName reads well: method, name, date ("planningsgesprek-jan-de-vries-2027-03-14.json");
// a name that already holds the method does not repeat it.
export const fileName = (method, name, date, ext) =>
  [method, slug(name).replace(new RegExp(`(^|-)${method}(-|$)`), "$1").replace(/^-|-$/g, ""), date].filter(Boolean).join("-") + "." + ext;
