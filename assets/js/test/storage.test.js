import test from "node:test";
import assert from "node:assert/strict";
import { drafts, sync } from "../lib/storage.js";
import { fakeStorage } from "./fake.js";

const site = "gesprekswijzer:/";

test("records are listed per method, oldest first; broken and foreign ones are left alone", () => {
  const ls = fakeStorage();
  const s = drafts(ls, site);
  s.put("planningsgesprek", { id: "b", name: "B", created: 2, values: {} });
  s.put("planningsgesprek", { id: "a", name: "A", created: 1, values: {} });
  s.put("het-goede-gesprek", { id: "c", name: "C", created: 3, values: {} });
  ls.setItem(site + ":planningsgesprek:broken", "{not json");
  ls.setItem(site + ":planningsgesprek:x", JSON.stringify({ id: "other", created: 0 }));
  ls.setItem("gesprekswijzer:/other-site/:planningsgesprek:z", JSON.stringify({ id: "z", created: 0 }));
  s.mark("planningsgesprek", "a");
  assert.deepEqual(s.list("planningsgesprek").map(d => d.name), ["A", "B"]);
  assert.deepEqual(s.list().map(d => [d.method, d.name]), [["planningsgesprek", "A"], ["planningsgesprek", "B"], ["het-goede-gesprek", "C"]]);
  assert.equal(s.last("planningsgesprek"), "a");
  assert.equal(ls.getItem(site + ":planningsgesprek:broken"), "{not json");
});

test("a record of form version 1 (before this format) is read as it is", () => {
  const ls = fakeStorage();
  const old = { id: "k1x2y3", name: "Jan 2026", created: 1700000000000, savedAt: "2026-01-15T09:00:00.000Z",
    method: "planningsgesprek", version: 1, lang: "nl", values: { "meta.department": "Noord" }, earlier: {} };
  ls.setItem(site + ":planningsgesprek:k1x2y3", JSON.stringify(old));
  const [d] = drafts(ls, site).list("planningsgesprek");
  assert.equal(d.name, "Jan 2026");
  assert.equal(d.values["meta.department"], "Noord");
});

test("a deleted draft leaves a tombstone that is not listed, and a full storage can still delete", () => {
  const ls = fakeStorage(400);
  const s = drafts(ls, site);
  assert.ok(s.put("m", { id: "a", name: "a", created: 1, values: { x: "y".repeat(200) } }));
  assert.equal(s.put("m", { id: "b", name: "b", created: 2, values: { x: "y".repeat(300) } }), false, "over the quota");
  s.drop("m", "a", 5);
  assert.deepEqual(s.list("m"), []);
  assert.deepEqual(s.get("m", "a"), { id: "a", deletedAt: 5 });
  s.purge(5 + 864e5 * 91);
  assert.equal(s.get("m", "a"), undefined);
});

test("put reports a full storage and leaves the stored record as it was", () => {
  const ls = fakeStorage(300);
  const s = drafts(ls, site);
  assert.ok(s.put("m", { id: "a", name: "a", created: 1, values: { x: "short" } }));
  assert.equal(s.put("m", { id: "a", name: "a", created: 1, values: { x: "z".repeat(400) } }), false);
  assert.equal(s.get("m", "a").values.x, "short");
});

test("sync: two tabs editing different fields lose nothing", () => {
  const base = { id: "a", name: "N", values: { a: "", b: "" }, touched: {} };
  const tab1 = { ...base, values: { a: "from tab 1", b: "" }, touched: { a: 10 } };
  const tab2 = { ...base, values: { a: "", b: "from tab 2" }, touched: { b: 20 } };
  const { rec, gained } = sync(tab1, tab2);
  assert.deepEqual(rec.values, { a: "from tab 1", b: "from tab 2" });
  assert.deepEqual(gained, ["b"]);
  assert.deepEqual(sync(tab2, rec).rec.values, rec.values);
});

test("sync: on the same field the later edit wins, in whichever tab it was made", () => {
  const one = { id: "a", values: { a: "early" }, touched: { a: 10 } };
  const two = { id: "a", values: { a: "late" }, touched: { a: 20 } };
  assert.equal(sync(one, two).rec.values.a, "late");
  assert.deepEqual(sync(one, two).gained, ["a"]);
  assert.equal(sync(two, one).rec.values.a, "late");
  assert.deepEqual(sync(two, one).gained, []);
});

test("sync: the name and the record's own parts follow the same rule", () => {
  const one = { id: "a", name: "Old", values: {}, touched: {}, exportedAt: "" };
  const two = { id: "a", name: "New", values: {}, touched: { "@name": 5, "@exportedAt": 6 }, exportedAt: "2027-01-01" };
  const { rec, gained } = sync(one, two);
  assert.equal(rec.name, "New");
  assert.equal(rec.exportedAt, "2027-01-01");
  assert.deepEqual(gained.sort(), ["@exportedAt", "@name"]);
});

test("sync: a hostile key stays a key", () => {
  const one = { id: "a", values: JSON.parse('{"__proto__": "x"}'), touched: {} };
  const two = { id: "a", values: JSON.parse('{"__proto__": "y"}'), touched: JSON.parse('{"__proto__": 3}') };
  const { rec } = sync(one, two);
  assert.equal(Object.getPrototypeOf(rec.values), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(rec.values, "__proto__").value, "y");
});

test("putAll writes everything or nothing", () => {
  const ls = fakeStorage(600);
  const s = drafts(ls, site);
  s.put("m", { id: "a", name: "a", created: 1, values: { x: "old" } });
  const before = new Map(ls.map);
  assert.equal(s.putAll([["m", { id: "a", name: "a", created: 1, values: { x: "new" } }], ["m", { id: "b", name: "b", created: 2, values: { x: "y".repeat(700) } }]]), false);
  assert.deepEqual(ls.map, before, "a refused restore leaves storage as it was");
  assert.ok(s.putAll([["m", { id: "b", name: "b", created: 2, values: {} }], ["n", { id: "c", name: "c", created: 3, values: {} }]]));
  assert.deepEqual(s.list().map(d => d.id), ["a", "b", "c"]);
});

test("damaged records are listed as damaged and never hide or block the sound ones", () => {
  const ls = fakeStorage();
  const s = drafts(ls, site);
  assert.ok(s.put("m", { id: "good1", name: "Jan", created: 1, values: { a: "x" } }));
  const damaged = {
    "name is a number": { id: "d1", name: 42, created: 2, values: {} },
    "contributions not a list": { id: "d2", name: "X", created: 3, values: {}, contrib: { a: 1 } },
    "values missing": { id: "d3", name: "X", created: 4 },
    "a value of a wrong type": { id: "d4", name: "X", created: 5, values: { a: { b: 1 } } },
    "a future format": { id: "d5", name: "X", created: 6, values: {}, format: 9 },
    "id not its key's": { id: "other", name: "X", created: 7, values: {} },
  };
  for (const r of Object.values(damaged)) ls.setItem(`${site}:m:${r.id == "other" ? "d6" : r.id}`, JSON.stringify(r));
  ls.setItem(`${site}:m:d7`, "{not json");
  ls.setItem(`${site}:m:d8`, "x".repeat(10 << 20));
  assert.ok(s.put("m", { id: "good2", name: "An", created: 9, values: { b: "y" } }));
  assert.deepEqual(s.list("m").map(d => d.id), ["good1", "good2"]);
  assert.deepEqual(s.damaged().map(d => d.id).sort(), ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"]);
  assert.equal(s.damaged().find(d => d.id == "d7").raw, "{not json", "the raw text is kept to export");
  for (const id of ["d1", "d2", "d7"]) assert.equal(s.get("m", id), undefined, id);
  assert.ok(s.put("m", { ...s.get("m", "good1"), name: "Jan 2" }), "saving goes on");
});
