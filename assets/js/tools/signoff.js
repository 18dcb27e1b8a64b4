// Sign-off (docs/record.md, section 4). A party signs by choosing a
// verdict: its entry's seal (a hidden control marked data-sign="seal")
// becomes the fingerprint of the shared content as it stands. Its name,
// date and reaction are its own and never withdraw anything. When the
// shared content changes, a signature that sealed the old content is no
// longer current: the entry stays as its owner left it, the page says
// that it no longer holds, and only its owner can sign again. The
// record's footer shows the record fingerprint, which covers the content
// and every signature entry, so two copies show the same one exactly
// when both are equal (for a method with a shared summary instead: the
// content's, once the summary went to someone).

// It is a module of form-sign.js, loaded when needed (see there): the
// open draft and its controls come from the form script (f).

import { f, $, $$, cfg, msg, warn, text, trim, day, empty } from "./form.js";
import { contentPrint, recordPrint, current, upgrade } from "../lib/signature.js";
import { short, hashFrom } from "../lib/fingerprint.js";
import { keys } from "../lib/util.js";

hashFrom(cfg.hash);

const parties = $$("[data-form] [data-party]");
const footer = $("#record-footer");
const chosen = p => $("[data-sign=verdict] :checked", p);
const sealOf = p => $("[data-sign=seal]", p);
const record = (values = f.collect()) => ({ method: cfg.method, values, earlier: f.draft.earlier });
let held = {}, heldFor; // party → whether its signature was current when last shown, for which draft

// sign seals a party's entry (its fieldset) with the content as it
// stands now, or clears the seal when the verdict is "not signed". The
// form script calls it when a verdict is chosen or "sign again" pressed.
export const sign = async (p) => {
  const seal = sealOf(p);
  seal.value = chosen(p).value ? await contentPrint(record(), cfg.schema) : "";
  f.mark(seal.name);
  f.changed();
};

// seal shows every party's entry (verdict, name, date, whether it is
// current), announces a signature that stopped holding, fills the footer
// and returns the fingerprint the record carries ("" when nobody signed).
export const seal = async () => {
  // a format-1 draft's seals are carried over where they still hold
  if (!(f.draft.format >= 2)) {
    const id = f.draft.id, values = f.collect(), up = await upgrade({ ...record(values), format: f.draft.format }, cfg.schema);
    if (id == f.draft.id) {
      f.draft.format = 2;
      const moved = keys(up.values).filter(k => up.values[k] !== values[k]);
      if (moved.length) f.fill(up.values, moved), f.mark(...moved), f.changed();
    }
  }
  const values = f.collect(), prints = await recordPrint(record(values), parties.map(p => p.dataset.party), cfg.schema), lost = [];
  if (heldFor != f.draft.id) [held, heldFor] = [{}, f.draft.id];
  for (const p of parties) {
    const e = prints.sigs[p.dataset.party] || {}, role = trim($("legend", p)), now = current(e, prints.content);
    if (held[role] && !now && e.verdict) lost.push(role);
    held[role] = now;
    const state = $("[data-sign-state]", p);
    const vars = { verdict: e.verdict && trim(chosen(p).parentNode), name: e.name || "–", date: day(e.date) || "–", fp: short(e.content || "") };
    text(state, !e.verdict ? msg("sign_none") : now ? msg("signed", vars) : msg("withdrawn", { ...vars, parties: role }));
    state.toggleAttribute("data-value", !!e.verdict);
    p.toggleAttribute("data-stale", !!e.verdict && !now);
  }
  if (lost.length) warn("withdrawn_now", { parties: lost.join(", ") });
  // a shared summary carries the content's fingerprint once it went to someone
  const signed = parties.some(p => chosen(p).value);
  const shown = parties.length ? signed : !empty(values[cfg.schema.recipients]);
  text(footer, !shown ? msg(parties.length ? "sign_none" : "not_shared")
    : msg(parties.length ? "fingerprint" : "fingerprint_summary", { fp: short(parties.length ? prints.record : prints.content) }));
  footer.toggleAttribute("data-value", shown);
  f.refresh();
  return shown ? parties.length ? prints.record : prints.content : "";
};

// signatures says per party whether its signature is current (for the
// export file; a reader recomputes it).
export const signatures = () => Object.fromEntries(parties.map(p => [p.dataset.party, { current: !p.hasAttribute("data-stale") && !!chosen(p).value }]));
