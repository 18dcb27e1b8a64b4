// The record's JSON Schema (static/schema/record.schema.json, specified in
// docs/record.md) as code: every file read and every record read from
// storage passes through here before anything else looks at it. A
// general JSON Schema validator would be several times the form's whole
// script budget; this one checks exactly what the schema says, and a
// test holds the two together with Ajv over generated documents
// (assets/js/test/schema.test.js). No DOM here.

import { values, isList, isText, isPlain, hasOwn } from "./util.js";

export const format = 2;

const bool = v => typeof v == "boolean";
const int = (v, min, max = Infinity) => Number.isInteger(v) && v >= min && v <= max;
const num = v => typeof v == "number" && Number.isFinite(v);
const opt = (o, k, ok) => !hasOwn(o, k) || ok(o[k]);
const listOf = ok => v => isList(v) && v.every(ok);
const mapOf = ok => v => isPlain(v) && values(v).every(ok);

export const isId = v => isText(v) && /^[a-z0-9]{1,40}$/.test(v);
const isMethod = v => isText(v) && /^[a-z0-9][a-z0-9-]{0,62}$/.test(v);
const cell = v => isText(v) || bool(v);
const row = mapOf(cell);
export const isValue = v => cell(v) || listOf(x => isText(x) || row(x))(v);
export const isValues = mapOf(isValue);
const times = mapOf(v => num(v) && v >= 0);
const contribution = c => isPlain(c) && ["who", "party", "file", "at"].every(k => opt(c, k, isText)) &&
  opt(c, "keys", listOf(isText)) && opt(c, "seen", mapOf(isText));

const common = d => isPlain(d) && hasOwn(d, "method") && hasOwn(d, "values") &&
  opt(d, "format", v => int(v, 1, format)) && isMethod(d.method) && opt(d, "version", v => int(v, 1)) &&
  ["lang", "name", "savedAt", "party"].every(k => opt(d, k, isText)) &&
  isValues(d.values) && opt(d, "earlier", v => v === null || isValues(v)) && opt(d, "stamps", times) && opt(d, "contrib", listOf(contribution));

// (a file with a kind is a backup, or a part for someone else: no draft)
export const isExport = d => common(d) && d.app === "gesprekswijzer" && hasOwn(d, "version") && !hasOwn(d, "kind") &&
  opt(d, "fingerprint", v => isText(v) && /^([0-9a-f]{64})?$/.test(v)) &&
  opt(d, "signatures", mapOf(s => isPlain(s) && opt(s, "current", bool)));

export const isBackup = d => isPlain(d) && d.app === "gesprekswijzer" && d.kind === "backup" &&
  opt(d, "format", v => int(v, 1, format)) && opt(d, "savedAt", isText) &&
  listOf(x => isExport(x) && hasOwn(x, "id") && isId(x.id) && opt(x, "created", num) && opt(x, "exportedAt", isText))(d.drafts);

export const isTombstone = r => isPlain(r) && hasOwn(r, "id") && hasOwn(r, "deletedAt") && isId(r.id) && num(r.deletedAt);

export const isStored = r => isTombstone(r) || common(r) && ["id", "name", "created"].every(k => hasOwn(r, k)) &&
  isId(r.id) && isText(r.name) && num(r.created) && opt(r, "touched", times) && opt(r, "exportedAt", isText) && opt(r, "pending", num);

// isFuture tells a document of a later format apart from a damaged one,
// so that the person hears that the site is older than the file.
export const isFuture = d => isPlain(d) && Number.isInteger(d.format) && d.format > format;

