import test from "node:test";
import assert from "node:assert/strict";
import { ics, fold } from "../lib/calendar.js";

const cal = (alarm) => ics({
  events: [
    { date: "2027-03-15", title: "Afspraak: Verbeterplan; met één eigenaar, en \\ meer", about: "Resultaatafspraken – Fatma" },
    { date: "2028-01-10", title: "Volgend gesprek: Planningsgesprek – Jan de Vries", about: "Planningsgesprek\nJan" },
  ],
  uid: "abc", lang: "nl", stamp: new Date("2027-01-02T03:04:05.678Z"), alarm,
});

test("one event per date, each with a reminder a week before at 9:00", () => {
  const text = cal(7);
  assert.ok(text.endsWith("\r\n"));
  assert.equal(text.split("BEGIN:VEVENT").length - 1, 2);
  assert.equal(text.split("BEGIN:VALARM").length - 1, 2);
  assert.match(text, /TRIGGER:-P6DT15H\r\n/);
  assert.match(text, /DTSTART;VALUE=DATE:20270315\r\n/);
  assert.match(text, /DTSTAMP:20270102T030405Z\r\n/);
  assert.match(text, /UID:abc-1@gesprekswijzer.invalid/);
  assert.ok(text.replace(/\r\n /g, "").includes("SUMMARY:Afspraak: Verbeterplan\\; met één eigenaar\\, en \\\\ meer"));
  assert.ok(text.includes("DESCRIPTION:Planningsgesprek\\nJan"));
});

test("a day before, or no reminder", () => {
  assert.match(cal(1), /TRIGGER:-PT15H\r\n/);
  assert.ok(!cal(0).includes("VALARM"));
});

test("lines fold at 75 octets of UTF-8, never inside a character", () => {
  const line = "SUMMARY:" + "é".repeat(100);
  const folded = fold(line);
  for (const part of folded.split("\r\n")) assert.ok(new TextEncoder().encode(part).length <= 75, part);
  assert.equal(folded.replace(/\r\n /g, ""), line);
  for (const part of cal(7).split("\r\n")) assert.ok(new TextEncoder().encode(part).length <= 75, part);
});

test("text in a calendar file follows RFC 5545: no control characters, line ends escaped, folded", () => {
  const out = ics({ events: [{ date: "2027-03-14", title: "Jan\rde Vries\u001b]0;pwned\u0007; ok, \\ klaar", about: "a\r\nb\nc\td" }], uid: "x", lang: "nl", stamp: new Date(0), alarm: 0 });
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(out.replace(/\r\n/g, "")), "a raw control character");
  assert.match(out, /SUMMARY:Jan\\nde Vries\]0\\;pwned\\; ok\\, \\\\ klaar/);
  assert.match(out, /DESCRIPTION:a\\nb\\nc\td/);
  for (const line of out.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75, line);
});
