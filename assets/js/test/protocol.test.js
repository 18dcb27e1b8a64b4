// The record protocol (docs/record.md) as properties over generated
// records and edit sequences, with fast-check: merge is commutative and
// idempotent and loses nothing; a signature is current exactly while the
// content it sealed is unchanged; two copies show the same record
// fingerprint exactly when content and signature entries are equal;
// every record written validates against the schema.
import test from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mergeRecords, resolve } from "../lib/merge.js";
import { canonical } from "../lib/fingerprint.js";
import { contentPrint, recordPrint, current, upgrade } from "../lib/signature.js";
import { partOf, shared } from "../lib/owner.js";
import { exportDoc, readDoc, empty } from "../lib/record.js";
import { isExport } from "../lib/schema.js";
import { schema as s } from "./fake.js";

const runs = { numRuns: 300 };
const parties = ["manager", "employee"];
const method = "planningsgesprek";

// Generated values: a few shared keys of every kind, and each party's
// signature entry and private notes.
const text = fc.oneof(fc.constantFrom("", " ", "ja", "Nee", "e\u0301", "a\r\nb"), fc.string({ maxLength: 8 }));
const row = fc.record({ what: text, who: text, done: fc.boolean() });
const value = fc.oneof(text, fc.boolean(), fc.array(text, { maxLength: 3 }), fc.array(row, { maxLength: 3 }));
const sharedKey = fc.constantFrom("a", "b", "meta.date", "t", "list", "__proto__");
const entryOf = p => fc.record({
  [`signoff.${p}.verdict`]: fc.constantFrom("", "agree", "seen"),
  [`signoff.${p}.name`]: text, [`signoff.${p}.date`]: fc.constantFrom("", "2027-03-14"),
  [`signoff.${p}.reaction`]: text, [`signoff.${p}.seal`]: fc.constantFrom("", "0".repeat(64), "f".repeat(64)),
  [`private.${p}`]: text, [`private.${p}.share`]: fc.boolean(),
}, { requiredKeys: [] });
const values = fc.tuple(fc.dictionary(sharedKey, value, { maxKeys: 5 }), entryOf("manager"), entryOf("employee"))
  .map(([a, b, c]) => Object.assign(JSON.parse("{}"), a, b, c));
const copy = fc.record({
  party: fc.constantFrom("", "manager", "employee"),
  values, earlier: fc.dictionary(fc.constantFrom("old", "older", "x"), value, { maxKeys: 2 }),
  stamps: fc.record({ manager: fc.nat(5), employee: fc.nat(5) }, { requiredKeys: [] }),
});

const canon = v => canonical(v ?? "");
const conflictKeys = m => m.conflicts.map(c => c[0]).sort();
const outside = (v, ks) => Object.fromEntries(Object.entries(v).filter(([k]) => !ks.includes(k)));

test("merge is commutative: the same owned parts (but notes one copy withheld), values outside conflicts, conflicts and earlier values", () => {
  fc.assert(fc.property(copy, copy, (a, b) => {
    const ab = mergeRecords(a, b, s), ba = mergeRecords(b, a, s);
    assert.deepEqual(conflictKeys(ab), conflictKeys(ba));
    // a private note one copy withheld stays where it is (docs/record.md, 3.1)
    const withheld = [...Object.keys(a.values), ...Object.keys(b.values)].filter(k => k.startsWith("private.") && !(k in a.values && k in b.values));
    const ks = [...conflictKeys(ab), ...withheld];
    assert.equal(canon(outside(ab.values, ks)), canon(outside(ba.values, ks)));
    for (const [k, x, y] of ab.conflicts) {
      const [, y2, x2] = ba.conflicts.find(c => c[0] == k);
      assert.equal(canon(x), canon(x2));
      assert.equal(canon(y), canon(y2));
    }
    assert.equal(canon(ab.earlier), canon(ba.earlier));
  }), runs);
});

test("merge is idempotent: a copy with itself, and a result with one of its inputs, add nothing", () => {
  fc.assert(fc.property(copy, copy, fc.constantFrom(0, 1, 2), (a, b, choice) => {
    const aa = mergeRecords(a, a, s);
    assert.deepEqual([aa.conflicts, aa.taken, aa.owned], [[], [], []]);
    assert.equal(canon(aa.values), canon(a.values));
    const m = mergeRecords(a, b, s), r = resolve(m, Object.fromEntries(m.conflicts.map(c => [c[0], choice])));
    const merged = { ...a, values: r.values, earlier: m.earlier, stamps: m.stamps };
    const again = mergeRecords(merged, b, s, { seen: r.seen });
    assert.deepEqual([again.conflicts.length, again.taken.length, again.owned.length, again.kept.length], [0, 0, 0, 0]);
  }), runs);
});

test("merge loses nothing of the shared content: every value is kept, among the earlier ones, or one side of a conflict", () => {
  const rows = v => Array.isArray(v) && v.every(x => x && typeof x == "object") ? v.filter(r => !empty(r)).map(r => canon(r)) : null;
  fc.assert(fc.property(copy, copy, fc.constantFrom("a", "t"), (a, b, unknown) => {
    const m = mergeRecords(a, b, s, { known: k => k != unknown });
    const ks = conflictKeys(m);
    for (const side of [a, b]) {
      for (const [k, v] of Object.entries(shared(side.values, s))) {
        if (empty(v) || ks.includes(k)) continue;
        const got = side == b && k == unknown ? undefined : m.values[k];
        const inEarlier = Object.values(m.earlier).some(x => canon(x) == canon(v));
        const within = rows(v) && rows(got) && rows(v).every(r => rows(got).includes(r));
        assert.ok(canon(got) == canon(v) || within || inEarlier, `${k}: ${JSON.stringify(v)} is lost`);
      }
      for (const [k, v] of Object.entries(side.earlier)) {
        assert.ok(Object.values(m.earlier).some(x => canon(x) == canon(v)), `earlier ${k} is lost`);
      }
    }
  }), runs);
});

test("an owned part comes whole from its owner's copy, whatever the other copy holds", () => {
  fc.assert(fc.property(copy, copy, fc.constantFrom(...parties), (a, b, p) => {
    fc.pre(a.party != p && b.party == p || a.party == p && b.party != p);
    const owner = a.party == p ? a : b, other = owner == a ? b : a, m = mergeRecords(a, b, s);
    const entry = v => Object.fromEntries(Object.entries(partOf(v, p, s)).filter(([k]) => k.startsWith("signoff.")));
    assert.equal(canon(entry(m.values)), canon(entry(owner.values)));
    // a private note the owner's copy does not carry was withheld: the other copy's stays
    for (const [k, v] of Object.entries(partOf(m.values, p, s))) {
      if (!k.startsWith("signoff.")) assert.equal(canon(v), canon(k in owner.values ? owner.values[k] : other.values[k]), k);
    }
  }), runs);
});

// A generated sequence of edits to one copy: shared edits, signing,
// editing one's own entry. A signature is current exactly while the
// content it sealed is unchanged.
const edit = fc.oneof(
  fc.record({ kind: fc.constant("shared"), key: sharedKey, value }),
  fc.record({ kind: fc.constant("sign"), party: fc.constantFrom(...parties), verdict: fc.constantFrom("", "agree", "seen") }),
  fc.record({ kind: fc.constant("own"), party: fc.constantFrom(...parties), part: fc.constantFrom("name", "date", "reaction"), value: text }),
  fc.record({ kind: fc.constant("private"), party: fc.constantFrom(...parties), value: text }),
);

test("a signature stays current if and only if the shared content it sealed is unchanged", async () => {
  await fc.assert(fc.asyncProperty(fc.array(edit, { maxLength: 8 }), async (edits) => {
    const rec = { method, values: JSON.parse("{}"), earlier: {} };
    const sealed = {}; // party → canonical shared content when it signed
    for (const e of edits) {
      if (e.kind == "shared") rec.values[e.key] = e.value;
      if (e.kind == "own") rec.values[`signoff.${e.party}.${e.part}`] = e.value;
      if (e.kind == "private") rec.values[`private.${e.party}`] = e.value;
      if (e.kind == "sign") {
        rec.values[`signoff.${e.party}.verdict`] = e.verdict;
        rec.values[`signoff.${e.party}.seal`] = e.verdict ? await contentPrint(rec, s) : "";
        sealed[e.party] = e.verdict ? canon(shared(rec.values, s)) : undefined;
      }
      const { content, sigs } = await recordPrint(rec, parties, s);
      for (const p of parties) {
        assert.equal(current(sigs[p], content), sealed[p] !== undefined && sealed[p] == canon(shared(rec.values, s)), JSON.stringify({ p, edits }));
      }
    }
  }), { numRuns: 150 });
});

test("two copies show the same record fingerprint if and only if content and signature entries are equal", async () => {
  const entriesOf = v => canon(Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith("signoff."))));
  await fc.assert(fc.asyncProperty(copy, copy, async (a, b) => {
    const [pa, pb] = [await recordPrint({ method, ...a }, parties, s), await recordPrint({ method, ...b }, parties, s)];
    const sameContent = pa.content == (await contentPrint({ method, ...b }, s));
    assert.equal(pa.record == pb.record, sameContent && entriesOf(a.values) == entriesOf(b.values));
  }), runs);
  // and a forged verdict, name or date changes it
  const base = { method, values: { a: "x", "signoff.manager.verdict": "agree", "signoff.manager.name": "Jan", "signoff.manager.date": "2027-03-14" }, earlier: {} };
  const h = (await recordPrint(base, parties, s)).record;
  for (const [k, v] of [["signoff.manager.verdict", "seen"], ["signoff.manager.name", "Jan de Vries"], ["signoff.manager.date", "2027-03-15"], ["signoff.employee.reaction", "x"]]) {
    assert.notEqual((await recordPrint({ ...base, values: { ...base.values, [k]: v } }, parties, s)).record, h, k);
  }
});

test("every record written validates against the schema, and reads back as it was", () => {
  const methods = [{ id: method, version: 1 }];
  fc.assert(fc.property(copy, fc.string({ maxLength: 20 }), (a, name) => {
    const doc = exportDoc({ ...a, method, name, savedAt: "2027-01-01T00:00:00Z" }, { method, version: 1, lang: "nl", schema: s });
    assert.ok(isExport(doc));
    const text = JSON.stringify(doc);
    const [back] = readDoc(text, text.length, "f.json", methods, method);
    assert.equal(typeof back, "object", text);
    assert.equal(canon(back.values), canon(doc.values));
  }), runs);
});

test("a format-1 seal that held still holds after the upgrade; a reaction no longer withdraws it", async () => {
  const legacy = { method, format: 1, earlier: {}, values: { a: "x", "signoff.manager.verdict": "agree", "signoff.employee.reaction": "Eens" } };
  legacy.values["signoff.manager.seal"] = await contentPrint(legacy, s, true);
  const up = await upgrade(legacy, s);
  const { content, sigs } = await recordPrint(up, parties, s);
  assert.ok(current(sigs.manager, content));
  up.values["signoff.employee.reaction"] = "Eens, met een kanttekening";
  const after = await recordPrint(up, parties, s);
  assert.ok(current(after.sigs.manager, after.content), "writing a reaction withdraws nothing");
  const stale = await upgrade({ ...legacy, values: { ...legacy.values, "signoff.manager.seal": "0".repeat(64) } }, s);
  assert.equal(stale.values["signoff.manager.seal"], "0".repeat(64));
});
