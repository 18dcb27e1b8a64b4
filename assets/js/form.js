// The fillable form: autosave to this browser, named drafts kept in step
// across tabs, sign-off sealed with a fingerprint, printing filled in. Each
// job is a module of ./form/ or ./lib/; this file wires them to the page.
// Hugo bundles it (js.Build), minifies and fingerprints it
// (layouts/_partials/script.html).
//
// The menu's tools (files, merge, follow-ups, calendar) are a second
// module, form-tools.js, loaded with its integrity hash when the menu is
// first opened: what a phone loads to fill in a form is this file only.
// The tools use this module's exports.
//
// Progressive enhancement: without script the page is a blank form to
// print. Nothing is added above what is shown, and the controls that need
// script are in place from the start (invisible until html[data-js]).

import { $, $$, cfg, msg, on, quiet, make } from "./form/dom.js";
import { collect, fill, form, keyOf, knows, labelOf, labelOfKey, refresh, rowsOf } from "./form/values.js";
import { rowTables } from "./form/rows.js";
import { afterChange, begin, changed, draft, fresh, freeName, mark, remove, start, save } from "./form/drafts.js";
import { check, refuse, report } from "./form/errors.js";
import { seal, signatures } from "./form/signoff.js";
import { blocks, show } from "./form/blocks.js";

export { draft, collect, fill, form, knows, labelOf, labelOfKey, rowsOf, begin, fresh, mark, changed, save, seal, signatures, check, refuse, show };

// The tools, once form-tools.js has handed them over.
let provide;
const tools = new Promise(r => { provide = r; });
export { provide };
let loading;
const load = () => loading ||= document.head.append(Object.assign(make("script"), { type: "module", ...cfg.tools })) || 1;

afterChange(seal);
afterChange(blocks);
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
const run = (name, arg) => {
  quiet();
  report([]);
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
  report([]);
  if (check()) {
    await seal();
    save();
    print();
  }
});

start();
