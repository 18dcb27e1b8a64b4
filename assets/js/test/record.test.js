import test from "node:test";
import assert from "node:assert/strict";
import { shareable, exportDoc, readDoc, followUp, fileName, isValues } from "../lib/record.js";
import { schema } from "./fake.js";

const methods = [{ id: "planningsgesprek", version: 2 }, { id: "het-goede-gesprek", version: 1 }];

test("a private note leaves only with its box ticked, whatever key or version it arrives under", () => {
  const values = {
    "private.manager": "mine", "private.manager.share": false,
    "private.employee": "theirs", "private.employee.share": true,
    "Private.Manager": "old capitals", "private.manager.notes": "a later sub-key",
    "private": "nobody's", "private.manager.share.x": "not a box",
    "competenties": "shared",
  };
  assert.deepEqual(shareable(values, schema), {
    "private.manager.share": false, "private.employee": "theirs", "private.employee.share": true, "competenties": "shared",
  });
  // An earlier-version value is judged by the boxes of the draft's values.
  assert.deepEqual(shareable({ "private.manager": "from version 1" }, schema, { "private.manager.share": false }), {});
  assert.deepEqual(shareable({ "private.manager": "from version 1" }, schema, { "private.manager.share": true }), { "private.manager": "from version 1" });
  // A share "box" that holds text is a note, not a box.
  assert.deepEqual(shareable({ "private.manager.share": "secret" }, schema), {});
});

test("the export filters values and earlier values alike", () => {
  const d = { name: "Jan", savedAt: "x", values: { a: "1", "private.manager.share": false }, earlier: { "private.manager": "old note", b: "2" } };
  const e = exportDoc(d, { method: "planningsgesprek", version: 2, lang: "nl", schema });
  assert.deepEqual(e.earlier, { b: "2" });
  assert.equal(e.app, "gesprekswijzer");
  assert.equal(e.version, 2);
});

test("readDoc refuses what it must and reads version 1 files", () => {
  const v1 = JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, lang: "nl", name: "Jan",
    savedAt: "2026-01-15T09:00:00Z", values: { "meta.department": "Noord", "signoff.manager.agreed": true }, earlier: {} });
  const [doc] = readDoc(v1, v1.length, "jan.json", methods, "planningsgesprek");
  assert.equal(doc.values["meta.department"], "Noord");
  assert.equal(doc.name, "Jan");
  const cases = [
    ["too_big", "{}", 2 << 20],
    ["not_json", "{", 1],
    ["not_json", JSON.stringify({ app: "x", method: "planningsgesprek", version: 1, values: {} })],
    ["not_json", JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, values: { a: { b: 1 } } })],
    ["other_method", JSON.stringify({ app: "gesprekswijzer", method: "het-goede-gesprek", version: 1, values: {} })],
    ["newer", JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 3, values: {} })],
  ];
  for (const [want, text, size] of cases) assert.equal(readDoc(text, size ?? text.length, "f", methods, "planningsgesprek")[0], want, text);
  const other = JSON.stringify({ app: "gesprekswijzer", method: "elders", version: 1, values: {} });
  assert.equal(readDoc(other, 9, "f", methods, "")[0], "unknown_method");
  const [any] = readDoc(cases[4][1], 9, "f", methods, "");
  assert.equal(any.method, "het-goede-gesprek");
});

test("readDoc keeps of a file's contributions only their known parts, and refuses one of another shape", () => {
  const doc = c => JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, values: {}, contrib: c });
  const good = doc([{ who: "An", party: "employee", keys: ["a"], seen: { a: "h1" }, evil: "<script>" }]);
  assert.deepEqual(readDoc(good, good.length, "f", methods, "planningsgesprek")[0].contrib,
    [{ who: "An", party: "employee", file: "", at: "", keys: ["a"], seen: { a: "h1" } }]);
  for (const bad of [[{ who: { x: 1 } }], [{ keys: ["a", 2] }], [{ seen: { b: 3 } }], ["not a record"], { not: "a list" }]) {
    assert.equal(readDoc(doc(bad), 9, "f", methods, "planningsgesprek")[0], "not_json", JSON.stringify(bad));
  }
});

test("readDoc keeps hostile keys as keys", () => {
  const text = '{"app":"gesprekswijzer","method":"planningsgesprek","version":1,"values":{"__proto__":"x"}}';
  const [doc] = readDoc(text, text.length, "f", methods, "planningsgesprek");
  assert.equal(Object.getPrototypeOf(doc.values), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(doc.values, "__proto__").value, "x");
  assert.ok(isValues(doc.values));
});

test("a follow-up carries dates, unit, period, participants and every agreement with its status", () => {
  const values = {
    "meta.date": "2026-02-01", "meta.next": "2027-02-01", "meta.department": "Noord", "meta.period": "2026",
    "meta.participants": [{ name: "Jan", function: "teamleider" }],
    "resultaatafspraken": [{ what: "Rapport", who: "An", due: "2026-06-01", done: true }, { what: "Plan", who: "", due: "", done: false }, { what: "", who: "", due: "", done: false }],
    "ontwikkelafspraken": [{ what: "Cursus", who: "An", due: "", done: false }],
    "competenties": "not carried",
  };
  assert.deepEqual(followUp(values, ["resultaatafspraken", "ontwikkelafspraken"], schema), {
    "meta.previous": "2026-02-01", "meta.date": "2027-02-01", "meta.department": "Noord", "meta.period": "2026",
    "meta.participants": [{ name: "Jan", function: "teamleider" }],
    "meta.review": [
      { what: "Rapport", who: "An", due: "2026-06-01", status: "achieved" },
      { what: "Plan", who: "", due: "", status: "" },
      { what: "Cursus", who: "An", due: "", status: "" },
    ],
  });
});

test("file names read well and do not repeat the method", () => {
  assert.equal(fileName("planningsgesprek", "Jan de Vries 2027", "2027-03-14", "json"), "planningsgesprek-jan-de-vries-2027-2027-03-14.json");
  assert.equal(fileName("planningsgesprek", "Planningsgesprek Jan", "2027-03-14", "ics"), "planningsgesprek-jan-2027-03-14.ics");
  assert.equal(fileName("zielvereinbarungsgesprach", "Jürgen Groß", "", "json"), "zielvereinbarungsgesprach-jurgen-gross.json");
});

test("texts read from a file lose control characters and bidirectional overrides", () => {
  const text = JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, name: "Jan\u202e\u0007 gpj.exe",
    values: { a: "regel 1\nregel 2\ttab\u2066x\u2069\u001b[2J" }, contrib: [{ who: "An\u202d" }] });
  const [doc] = readDoc(text, text.length, "f", methods, "planningsgesprek");
  assert.equal(doc.name, "Jan gpj.exe");
  assert.equal(doc.values.a, "regel 1\nregel 2\ttabx[2J");
  assert.equal(doc.contrib[0].who, "An");
});

test("a format-1 file with earlier: null reads as one with none", () => {
  const text = JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, values: { a: "x" }, earlier: null });
  const [doc] = readDoc(text, text.length, "f", methods, "planningsgesprek");
  assert.deepEqual(doc.earlier, {});
  const bad = JSON.stringify({ app: "gesprekswijzer", method: "planningsgesprek", version: 1, values: { a: "x" }, earlier: "x" });
  assert.equal(readDoc(bad, bad.length, "f", methods, "planningsgesprek")[0], "not_json");
});
