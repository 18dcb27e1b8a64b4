// The schema as code (lib/schema.js) says exactly what the JSON Schema
// shipped with the site says (static/schema/record.schema.json): Ajv, a
// general validator, and the form's own checks agree on generated
// documents, sound ones and ones broken in every way fast-check finds.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import Ajv2020 from "ajv/dist/2020.js";
import { isExport, isBackup, isStored } from "../lib/schema.js";

const schema = JSON.parse(readFileSync(new URL("../../../static/schema/record.schema.json", import.meta.url)));
const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true });
ajv.addSchema(schema, "record");
const check = { export: ajv.getSchema("record"), backup: ajv.compile({ $ref: "record#/$defs/backup" }), stored: ajv.compile({ $ref: "record#/$defs/stored" }) };
const mine = { export: isExport, backup: isBackup, stored: isStored };

// JSON of any shape, biased towards the record's keys and types.
const key = fc.constantFrom("app", "format", "method", "version", "lang", "name", "savedAt", "party", "values", "earlier",
  "stamps", "contrib", "fingerprint", "signatures", "id", "created", "deletedAt", "touched", "exportedAt", "pending",
  "kind", "drafts", "who", "keys", "seen", "current", "a", "__proto__");
const leaf = fc.oneof(fc.constantFrom("gesprekswijzer", "backup", "planningsgesprek", "abc1", "", "Bad Id", "0".repeat(64), 0, 1, 2, 3, -1, 1.5, true, false, null), fc.string({ maxLength: 4 }));
const { json } = fc.letrec(tie => ({
  json: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("json"), { maxLength: 3 }), fc.dictionary(key, tie("json"), { maxKeys: 5 })),
}));
const str = fc.string({ maxLength: 6 });
const value = fc.oneof(str, fc.boolean(), fc.array(fc.oneof(str, fc.dictionary(str, fc.oneof(str, fc.boolean()), { maxKeys: 3 })), { maxLength: 3 }));
const sound = fc.record({
  app: fc.constant("gesprekswijzer"), format: fc.constantFrom(1, 2), method: fc.constantFrom("planningsgesprek", "a3-managementgesprek"),
  version: fc.integer({ min: 1, max: 3 }), name: str, values: fc.dictionary(str, value, { maxKeys: 4 }), earlier: fc.dictionary(str, value, { maxKeys: 2 }),
  stamps: fc.dictionary(str, fc.nat(), { maxKeys: 2 }), contrib: fc.array(fc.record({ who: str, keys: fc.array(str, { maxLength: 3 }) }, { requiredKeys: [] }), { maxLength: 2 }),
  id: fc.constantFrom("a1", "xyz"), created: fc.nat(), fingerprint: fc.constantFrom("", "a".repeat(64)),
}, { requiredKeys: ["app", "method", "values", "version"] });
// a sound document with one part broken
const broken = fc.tuple(sound, key, json).map(([d, k, v]) => Object.defineProperty(JSON.parse(JSON.stringify(d)), k, { value: v, enumerable: true }));
const backup = fc.array(fc.oneof(sound, broken), { maxLength: 3 }).map(drafts => ({ app: "gesprekswijzer", kind: "backup", drafts }));

for (const kind of ["export", "backup", "stored"]) {
  test(`Ajv and the form agree on ${kind} documents`, () => {
    let valid = 0;
    // as a browser reads them: through JSON.parse (a key "__proto__" is data)
    fc.assert(fc.property(fc.oneof(json, sound, broken, backup).map(d => JSON.parse(JSON.stringify(d) ?? "null")), (d) => {
      const want = check[kind](d);
      valid += want;
      assert.equal(mine[kind](d), want, JSON.stringify(d) + " " + JSON.stringify(check[kind].errors));
    }), { numRuns: 500 });
    assert.ok(valid > 20, `only ${valid} valid ${kind} documents were generated: the test would not see a difference`);
  });
}

test("the vendored @noble/hashes is byte for byte the package npm installs", () => {
  const pkg = new URL("../../../node_modules/@noble/hashes/", import.meta.url);
  assert.equal(JSON.parse(readFileSync(new URL("package.json", pkg))).version, "2.4.0");
  for (const f of ["sha2.js", "_md.js", "_u64.js", "utils.js", "LICENSE"]) {
    assert.ok(readFileSync(new URL(f, pkg)).equals(readFileSync(new URL(`../vendor/noble-hashes/${f}`, import.meta.url))), f);
  }
});
