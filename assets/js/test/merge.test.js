import test from "node:test";
import assert from "node:assert/strict";
import { merge, resolve } from "../lib/merge.js";

const manager = {
  "meta.date": "2027-03-14", "competenties": "Plannen", "resultaatafspraken": [{ what: "Rapport", who: "An", due: "", done: false }],
  "signoff.employee.reaction": "", "meta.department": "",
};
const employee = {
  "meta.date": "2027-03-14", "competenties": "Plannen en presenteren", "resultaatafspraken": [{ what: "Rapport", who: "An", due: "", done: false }, { what: "Cursus", who: "Ik", due: "", done: false }],
  "signoff.employee.reaction": "Eens, met een kanttekening", "meta.department": "", "private.employee": "secret",
};

test("the union: empty fields take theirs, fuller tables replace, differing texts are conflicts", () => {
  const m = merge(manager, employee);
  assert.deepEqual(m.taken.sort(), ["private.employee", "resultaatafspraken", "signoff.employee.reaction"]);
  assert.deepEqual(m.conflicts.map(c => c[0]), ["competenties"]);
  assert.equal(m.values.competenties, "Plannen", "nothing overwritten before a choice");
  const r = resolve(m, { competenties: 1 });
  assert.equal(r.values.competenties, "Plannen en presenteren");
  assert.equal(r.values.resultaatafspraken.length, 2);
});

test("merging the same file twice changes nothing, whichever choice was made", () => {
  for (const choice of [0, 1]) {
    const first = resolve(merge(manager, employee), { competenties: choice });
    const again = merge(first.values, employee, first.seen);
    assert.deepEqual(again.taken, [], `choice ${choice}`);
    assert.deepEqual(again.conflicts, [], `choice ${choice}`);
    assert.deepEqual(again.values, first.values);
  }
});

test("a newer value in their file after a decision is a conflict again", () => {
  const first = resolve(merge(manager, employee), { competenties: 0 });
  const newer = { ...employee, competenties: "Nog iets anders" };
  assert.deepEqual(merge(first.values, newer, first.seen).conflicts.map(c => c[0]), ["competenties"]);
});

test("tables with rows on both sides offer both", () => {
  const mine = { t: [{ what: "A" }, { what: "" }] };
  const theirs = { t: [{ what: "B" }] };
  const m = merge(mine, theirs);
  assert.deepEqual(m.conflicts[0][3], [{ what: "A" }, { what: "B" }]);
  const r = resolve(m, { t: 2 });
  assert.deepEqual(r.values.t.map(x => x.what), ["A", "B"]);
  assert.deepEqual(merge(r.values, theirs, r.seen).conflicts, []);
  assert.deepEqual(merge(r.values, theirs, {}).conflicts, [], "their rows are all here now");
});

test("an unticked box or an empty text in their file never clears mine", () => {
  const m = merge({ a: "x", b: true }, { a: "", b: false });
  assert.deepEqual(m.taken, []);
  assert.deepEqual(m.conflicts, []);
});
