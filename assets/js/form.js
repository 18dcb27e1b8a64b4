// The fillable form: autosave to this browser, named drafts kept in step
// across tabs, sign-off sealed with a fingerprint, printing filled in. Each
// job is a module of ./form/ or ./lib/; this file wires them to the page.
// Hugo bundles it (js.Build), minifies and fingerprints it
// (layouts/_partials/script.html).
//
// The menu's tools (files, merge, follow-ups, calendar) are a second
// module, form-tools.js, loaded with its integrity hash when the menu is
// first opened: what a phone loads to fill in a form is this file only.
// The tools, and the sign-off (form-sign.js), use this module's exports
// (tools/form.js): the modules of ./form/ and their state (the
// configuration, the live regions and their notes, storage, the open
// draft) exist in this bundle only, once on the page (issue 20).
//
// Progressive enhancement: without script the page is a blank form to
// print. Nothing is added above what is shown, and the controls that need
// script are in place from the start (invisible until html[data-js]).

import "./form/firstframe.js"; // first: the page is drawn before the rest runs
import { $, $$, cfg, msg, on, quiet, make } from "./form/dom.js";
import { collect, fill, form, keyOf, knows, labelOf, labelOfKey, refresh, rowsOf } from "./form/values.js";
import { rowTables } from "./form/rows.js";
import { afterChange, begin, changed, draft, fresh, freeName, mark, remove, start, save } from "./form/drafts.js";
import { blocks, show } from "./form/blocks.js";
import { empty } from "./lib/record.js";

export { draft, collect, fill, form, knows, labelOf, labelOfKey, refresh, rowsOf, begin, fresh, mark, changed, save, show };
// What the tools and the sign-off take from form/dom.js and
// form/values.js (tools/form.js lists them), and the one copy of
// lib/record.js's empty the page needs.
export { $, $$, cfg, msg, make, on, text, trim, tell, warn, day, now, store, methodOf } from "./form/dom.js";
export { tables } from "./form/values.js";
export { empty };

// The tools, once form-tools.js has handed them over.
let provide;
const tools = new Promise(r => { provide = r; });
export { provide };
let loading;
const load = () => loading ||= document.head.append(Object.assign(make("script"), { type: "module", ...cfg.tools })) || 1;

// The sign-off (form-sign.js), once it is needed: the open draft holds a
// verdict (or a shared summary went to someone), the sign-off comes into
// view or is touched, or the record is exported or printed. Until then no
// seal or footer has anything to show.
let provideSign, signing;
const signer = new Promise(r => { provideSign = r; });
export { provideSign };
const needSign = () => signing ||= document.head.append(Object.assign(make("script"), { type: "module", ...cfg.sign })) || 1;
export const seal = () => (needSign(), signer.then(s => s.seal()));
export const signatures = () => (needSign(), signer.then(s => s.signatures()));
// upgrade reads an imported or merged file's format-1 seals as format 2
// (lib/signature.js): hashing is the sign-off's, as is where the SHA-256
// fallback is (lib/fingerprint.js).
export const upgrade = doc => (needSign(), signer.then(s => s.upgrade(doc)));
const sections = $$(".sign-off, .shared-summary, #record-footer");
const signed = () => Object.entries(collect()).some(([k, v]) => !empty(v) && (k.startsWith(cfg.schema.signoff + ".") && /\.(verdict|seal)$/.test(k) || k == cfg.schema.recipients));
afterChange(() => (signing || signed()) && seal());
afterChange(blocks);
const near = new IntersectionObserver(es => es.some(e => e.isIntersecting) && needSign(), { rootMargin: "50% 0px" });
for (const s of sections) {
  near.observe(s);
  on(s, "focusin", needSign);
}
on(form, "change", (e) => {
  const group = e.target.closest("[data-sign=verdict]");
  if (group) needSign(), signer.then(s => s.sign(group.closest("[data-party]")));
});
on(form, "click", (e) => {
  const renew = e.target.closest("[data-sign=renew]");
  if (renew) needSign(), signer.then(s => s.sign(renew.closest("[data-party]")));
});
rowTables($$("[data-repeat]", form), (table) => {
  mark(table.dataset.repeat);
  changed();
});
const edited = (e) => {
  mark(keyOf(e.target));
  changed();
};
on(form, "input", edited);
on(form, "change", edited);
on(form, "submit", e => e.preventDefault());
on(window, "beforeprint", refresh);

const actions = {
  new: () => begin(fresh(freeName()), "created", "not_created"),
  duplicate: () => begin(fresh(msg("copy", { name: draft.name }), collect(), { earlier: draft.earlier, party: draft.party }), "created", "not_created"),
  delete: remove,
};
// The error summary and the checks before printing are the tools' too:
// a summary to clear exists only once they are loaded.
const clear = () => loading && tools.then(t => t.report([]));
const run = (name, arg) => {
  quiet();
  clear();
  if (actions[name]) actions[name]();
  else {
    load();
    tools.then(t => t[name](arg));
  }
};
on($("details.form-menu"), "toggle", load);
on($("[data-form-tools]"), "click", (e) => {
  const button = e.target.closest("[data-action]");
  if (button) run(button.dataset.action);
});
for (const input of $$("[data-file]")) on(input, "change", () => run(input.dataset.file, input));

for (const button of $$("[data-print-button]")) on(button, "click", async () => {
  load();
  const t = await tools;
  delete document.documentElement.dataset.print; // the whole record, not a part for HR
  t.report([]);
  if (t.check()) {
    await seal();
    save();
    print();
  }
});

start();
