import test from "node:test";
import assert from "node:assert/strict";
import { canonical, fingerprint, short } from "../lib/fingerprint.js";

test("the same content gives the same fingerprint however it is stored", async () => {
  const a = { method: "m", values: { b: "tekst\r\nregel", a: "", c: [{ x: "1", y: false }, { x: "", y: false }], d: ["één", "", ""] } };
  const b = { values: { d: ["e\u0301e\u0301n"], c: [{ y: false, x: "1" }], b: "tekst\nregel  " }, method: "m" };
  assert.equal(canonical(a), canonical(b));
  assert.equal(await fingerprint(a), await fingerprint(b));
});

test("any change to a value changes the fingerprint", async () => {
  const base = { method: "m", values: { a: "x", t: [{ done: false }] } };
  const h = await fingerprint(base);
  assert.match(h, /^[0-9a-f]{64}$/);
  for (const changed of [{ a: "y" }, { a: "x", t: [{ done: true }] }, { a: "x", extra: "z" }]) {
    assert.notEqual(await fingerprint({ method: "m", values: changed }), h, JSON.stringify(changed));
  }
  assert.notEqual(await fingerprint({ ...base, method: "n" }), h);
});

test("it is SHA-256 of the canonical text, shown as five groups of four", async () => {
  // SHA-256("null"), from any other implementation
  assert.equal(await fingerprint(undefined), "74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b");
  assert.equal(short("74234e98afe7498fb5daf1f36ac2d78acc339464"), "7423 4E98 AFE7 498F B5DA");
});

test("a rating's level is sealed; a rating left open is the same wherever it is kept", async () => {
  const signed = { method: "beoordelingsgesprek", values: { eindoordeel: "naar", toelichting: "x" }, earlier: {} };
  const h = await fingerprint(signed);
  for (const level of ["boven", "deels", ""]) {
    assert.notEqual(await fingerprint({ ...signed, values: { ...signed.values, eindoordeel: level } }), h, level);
  }
  const open = await fingerprint({ method: "m", values: { eindoordeel: "", toelichting: "x" }, earlier: {} });
  assert.equal(await fingerprint({ method: "m", values: { toelichting: "x" }, earlier: {} }), open);
  assert.equal(await fingerprint({ method: "m", values: { toelichting: "x" }, earlier: { eindoordeel: "" } }), open);
});

test("without Web Crypto (a plain-HTTP page) the fallback gives the same fingerprint", async () => {
  const { hashFrom } = await import("../lib/fingerprint.js");
  const v = { method: "m", values: { a: "één", t: [{ what: "x" }] } };
  const withCrypto = await fingerprint(v);
  const subtle = Object.getOwnPropertyDescriptor(globalThis, "crypto");
  Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
  try {
    hashFrom("../vendor/noble-hashes/sha2.js");
    assert.equal(await fingerprint(v), withCrypto);
    assert.equal(await fingerprint(undefined), "74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b");
  } finally {
    Object.defineProperty(globalThis, "crypto", subtle);
  }
});
