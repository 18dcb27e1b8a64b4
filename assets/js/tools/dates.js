// The calendar file: every open deadline of the agreements tables and
// every date marked data-ics (the next conversation among them), titled
// with the draft's name (the person) and the method, each with a reminder
// (a week before unless chosen otherwise).

import { f, $, $$, cfg, msg, trim } from "./form.js";
import { download } from "./io.js";
import { name as fileName } from "./files.js";
import { ics } from "../lib/calendar.js";
import { refuse } from "./errors.js";

export const calendar = () => {
  const { what, who, due, done } = cfg.schema.agreement, vars = { name: f.draft.name, method: cfg.title }, events = [];
  for (const table of $$("[data-agreements]", f.form)) for (const row of f.rowsOf(table)) {
    const col = c => $(`[data-col="${c}"]`, row);
    if (col(due).value && !col(done).checked) events.push({ date: col(due).value, title: msg("ics_due", { what: col(what).value.trim(), ...vars }),
      about: [trim($("legend", table)), col(who).value.trim(), cfg.title].filter(Boolean).join(" – ") });
  }
  for (const el of $$("[data-ics]", f.form)) if (el.value) events.push({ date: el.value, about: cfg.title,
    title: msg(el.name == cfg.schema.next ? "ics_next" : "ics_date", { label: f.labelOf(el), ...vars }) });
  if (!events.length) return refuse("no_dates");
  download(fileName("ics"), ics({ events, uid: f.draft.id, lang: cfg.lang, stamp: new Date(), alarm: +$("#ics-alarm").value }));
  return events.length;
};
