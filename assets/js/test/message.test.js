import test from "node:test";
import assert from "node:assert/strict";
import { format } from "../lib/message.js";

const ics = { one: "Agendabestand met {n} datum gemaakt.", other: "Agendabestand met {n} datums gemaakt." };

test("a plain message fills its placeholders, and an unknown one stays empty", () => {
  assert.equal(format("Concept \"{name}\" geopend.{x}", { name: "Jan" }), "Concept \"Jan\" geopend.");
});

test("a counted message takes the singular for one and the plural otherwise", () => {
  assert.equal(format(ics, { n: 1 }), "Agendabestand met 1 datum gemaakt.");
  assert.equal(format(ics, { n: 2 }), "Agendabestand met 2 datums gemaakt.");
  assert.equal(format(ics, { n: 0 }), "Agendabestand met 0 datums gemaakt.");
});

test("the count may be named by another variable", () => {
  const m = { one: "{count} Vereinbarung", other: "{count} Vereinbarungen" };
  assert.equal(format(m, { count: 1 }, "count"), "1 Vereinbarung");
  assert.equal(format(m, { count: 3 }, "count"), "3 Vereinbarungen");
});
