// Sign-off: each party's verdict ("agree" or "seen") is sealed with the
// fingerprint of the content it signed (a hidden control marked
// data-sign="seal"). When the content changes, the seal no longer matches:
// that party's signature is withdrawn, and the page says so. The record's
// footer shows the fingerprint of the signed content (for a method with a
// shared summary instead: of the content, once the summary went to
// someone), so both parties can compare their copies.

import { $, $$, cfg, msg, warn, text, trim } from "./dom.js";
import { collect, form, isPrivate, refresh } from "./values.js";
import { draft, mark } from "./drafts.js";
import { shareable, empty } from "../lib/record.js";
import { fingerprint, short } from "../lib/fingerprint.js";
import { entries, fromEntries } from "../lib/util.js";

const parties = $$("[data-party]", form);
const footer = $("#record-footer");
const chosen = p => $("[data-sign=verdict] :checked", p);

// content is what a signature covers: the values and earlier values that
// leave the device, without the signatures themselves and without any
// private note; the same on both parties' devices, in either language.
export const content = (values = collect()) => {
  const signing = $$("[data-sign]:not([data-sign=reaction])", form).flatMap(el => el.name || $$("input", el).map(r => r.name));
  const keep = o => fromEntries(entries(o).filter(([k, v]) => !signing.includes(k) && !isPrivate(k, v)));
  return { method: cfg.method, values: keep(values), earlier: keep(shareable(draft.earlier, cfg.schema, values)) };
};

// seal brings every party's seal in line with the content and returns the
// fingerprint the record carries ("" when nobody signed, or the browser
// offers no Web Crypto).
export const seal = async () => {
  const values = collect(), fp = await fingerprint(content(values)), withdrawn = [];
  for (const p of parties) {
    const input = $("[data-sign=seal]", p), was = input.value, role = trim($("legend", p));
    if (!chosen(p).value || !fp) input.value = "";
    else if (!was) input.value = fp;
    else if (was != fp) {
      $("[data-sign=verdict] [value='']", p).checked = true;
      input.value = "";
      withdrawn.push(role);
    }
    if (input.value != was) mark(input.name, chosen(p).name);
    text($("[data-sign-state]", p), input.value ? msg("signed", { verdict: trim(chosen(p).parentNode), fp: short(fp) })
      : msg(withdrawn.includes(role) ? "withdrawn" : "sign_none", { parties: role }));
  }
  if (withdrawn.length) warn("withdrawn", { parties: withdrawn.join(", ") });
  // a shared summary carries the content's fingerprint once it went to someone
  const shown = parties.length ? parties.some(p => $("[data-sign=seal]", p).value) : !empty(values[cfg.schema.recipients]);
  const signed = parties.length ? parties.some(p => chosen(p).value) : shown;
  text(footer, shown && fp ? msg(parties.length ? "fingerprint" : "fingerprint_summary", { fp: short(fp) })
    : signed ? msg("no_crypto") : msg(parties.length ? "sign_none" : "not_shared"));
  footer.toggleAttribute("data-value", shown && !!fp);
  refresh();
  return shown ? fp : "";
};
