import test from "node:test";
import assert from "node:assert/strict";
import { backupDoc, readBackup, restorePlan } from "../lib/backup.js";
import { drafts } from "../lib/storage.js";
import { fakeStorage, schema } from "./fake.js";

const methods = [{ id: "planningsgesprek", version: 1 }, { id: "het-goede-gesprek", version: 1 }];
const cfg = { lang: "nl", schema };
const site = "gesprekswijzer:/";

const seeded = () => {
  const s = drafts(fakeStorage(), site);
  s.put("planningsgesprek", { id: "a1", name: "Jan", created: 1, method: "planningsgesprek", version: 1, values: { x: "1", "private.manager": "geheim" } });
  s.put("het-goede-gesprek", { id: "b2", name: "An", created: 2, method: "het-goede-gesprek", version: 1, values: { y: "2" } });
  return s;
};

test("a backup holds every draft without private notes, and reads back", () => {
  const s = seeded();
  const text = JSON.stringify(backupDoc(s.list(), cfg, "2027-01-01"));
  assert.ok(!text.includes("geheim"));
  const [list] = readBackup(text, text.length, "b.json", methods);
  assert.deepEqual(list.map(d => [d.method, d.id, d.name]), [["planningsgesprek", "a1", "Jan"], ["het-goede-gesprek", "b2", "An"]]);
});

test("restoring onto the same drafts changes nothing; a changed one comes back beside it", () => {
  const s = seeded();
  const text = JSON.stringify(backupDoc(s.list(), cfg, "2027-01-01"));
  const [list] = readBackup(text, text.length, "b.json", methods);
  const again = restorePlan(list, s.list, schema, n => n + " (copy)");
  assert.deepEqual([again.added, again.same, again.kept, again.items.length], [0, 2, 0, 0]);
  s.put("planningsgesprek", { ...s.get("planningsgesprek", "a1"), values: { x: "changed here" } });
  s.drop("het-goede-gesprek", "b2");
  const p = restorePlan(list, s.list, schema, n => n + " (copy)");
  assert.deepEqual([p.added, p.same, p.kept], [1, 0, 1]);
  assert.ok(s.putAll(p.items));
  assert.equal(s.get("planningsgesprek", "a1").values.x, "changed here", "nothing overwritten");
  assert.deepEqual(s.list("planningsgesprek").map(d => d.name).sort(), ["Jan", "Jan (copy)"]);
  assert.equal(s.list("het-goede-gesprek")[0].name, "An");
  const twice = restorePlan(list, s.list, schema, n => n + " (copy)");
  assert.deepEqual([twice.added, twice.same, twice.kept], [0, 2, 0], "restoring twice changes nothing");
});

test("a backup with one bad draft is refused whole", () => {
  const bad = (drafts) => JSON.stringify({ app: "gesprekswijzer", kind: "backup", drafts });
  const ok = { app: "gesprekswijzer", method: "planningsgesprek", version: 1, id: "a1", name: "Jan", values: {} };
  const cases = [
    ["not_backup", "{"],
    ["not_backup", JSON.stringify({ app: "gesprekswijzer", drafts: [] })],
    ["backup_bad", bad([ok, { ...ok, id: "b", method: "onbekend" }]), "unknown_method"],
    ["backup_bad", bad([ok, { ...ok, id: "b", version: 9 }]), "newer"],
    ["backup_bad", bad([{ ...ok, id: "../x" }]), "not_json"],
    ["backup_bad", bad([{ ...ok, values: { a: [[1]] } }]), "not_json"],
  ];
  for (const [want, text, problem] of cases) {
    const [got, vars] = readBackup(text, text.length, "b.json", methods);
    assert.equal(got, want, text);
    if (problem) assert.equal(vars.problem, problem, text);
  }
  assert.equal(readBackup("{}", 11 << 20, "b.json", methods)[0], "backup_too_big");
});

test("two drafts with one id in a backup both come back, and the counts are what was stored", () => {
  const s = drafts(fakeStorage(), site);
  const one = { app: "gesprekswijzer", method: "planningsgesprek", version: 1, name: "Jan", values: { x: "1" }, id: "a1" };
  const text = JSON.stringify({ app: "gesprekswijzer", kind: "backup", drafts: [one, { ...one, name: "Jan bis", values: { x: "2" } }, one] });
  const [list] = readBackup(text, text.length, "b.json", methods);
  const p = restorePlan(list, s.list, schema, n => n + " (copy)");
  assert.deepEqual([p.added, p.kept, p.same], [1, 1, 1]);
  assert.ok(s.putAll(p.items));
  assert.equal(s.list().length, p.added + p.kept);
  assert.deepEqual(s.list().map(d => d.name).sort(), ["Jan", "Jan bis (copy)"]);
});

test("a restore reads the drafts here once: 3,000 into 3,000 takes time in proportion", () => {
  const s = drafts(fakeStorage(), site);
  let reads = 0, all;
  const list = () => (reads++, all);
  const here = Array.from({ length: 3000 }, (_, i) => ({ id: "h" + i, name: "H" + i, created: i, method: "planningsgesprek", version: 1, values: { x: "here " + i } }));
  assert.ok(s.putAll(here.map(r => ["planningsgesprek", r])));
  all = s.list();
  const backup = Array.from({ length: 3000 }, (_, i) => ({ ...here[i], id: i % 2 ? "h" + i : "n" + i, values: { x: "backup " + i } }));
  const t = performance.now();
  const p = restorePlan(backup, list, schema, n => n + " (copy)");
  const ms = performance.now() - t;
  assert.equal(reads, 1);
  assert.deepEqual([p.added, p.kept, p.same], [1500, 1500, 0]);
  console.log(`# restore plan of 3000 drafts into 3000: ${ms.toFixed(0)} ms`);
});
