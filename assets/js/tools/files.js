// Files: export (the lasting copy; private notes stay home unless
// allowed), import as a new draft, and merging the other party's file into
// this draft, with every conflict shown side by side to choose. A refused
// file changes nothing: nothing is stored before every check passed.

import { f, $, cfg, msg, make, tell, now } from "./form.js";
import { download, chosen, today } from "./io.js";
import { refuse, check } from "./errors.js";
import { exportDoc, forRecipient, readDoc, fileName, slug } from "../lib/record.js";
import { mergeRecords, resolve, keepEarlier } from "../lib/merge.js";
import { assign, entries, fromEntries, keys } from "../lib/util.js";

// name is what a file of this draft is called: method, name, date.
export const name = ext => fileName(slug(cfg.title), f.draft.name, f.collect()[cfg.schema.date] || today(), ext);

export const exportDraft = async () => {
  const fp = await f.seal(), file = name("json");
  // From the screen, not from storage: export is the way out when storage is full.
  download(file, JSON.stringify(exportDoc({ ...f.draft, values: f.collect() }, cfg, { fingerprint: fp, signatures: await f.signatures() }), null, 2));
  assign(f.draft, { exportedAt: now(), pending: 0 });
  f.mark("@exportedAt", "@pending");
  f.save();
  tell("exported", { file });
};

// exportFor writes the part of the record for HR ("hr") or the
// personnel file ("file"): only what the method marks for it.
export const exportFor = kind => async () => {
  const fp = await f.seal(), file = name("json").replace(/\.json$/, `-${kind == "hr" ? "hr" : "dossier"}.json`);
  download(file, JSON.stringify(forRecipient({ ...f.draft, values: f.collect() }, cfg, kind, { fingerprint: fp, signatures: await f.signatures() }), null, 2));
  tell("exported", { file });
};

// printFor prints the part of the record for HR or the personnel file
// (form.css hides the rest under html[data-print]).
export const printFor = kind => async () => {
  if (!check()) return;
  await f.seal();
  f.save();
  const html = document.documentElement;
  html.dataset.print = kind;
  addEventListener("afterprint", () => delete html.dataset.print, { once: true });
  print();
};

// read returns the export in a file input, or reports why it is refused.
export const read = async (input, want) => {
  const file = await chosen(input);
  const [doc, vars] = file ? readDoc(file.text, file.size, file.name, cfg.methods, want) : [];
  if (doc?.substring) refuse(doc, vars);
  else return doc && await f.upgrade(doc); // by the sign-off, which hashes
};

export const importFile = async (input) => {
  const doc = await read(input, cfg.method);
  if (doc && f.begin(f.fresh(doc.name, doc.values, { earlier: doc.earlier, party: doc.party, stamps: doc.stamps, contrib: doc.contrib, format: doc.format }), "", "not_imported", { file: doc.file })) {
    tell("imported", { file: doc.file, name: f.draft.name });
  }
};

const dialog = $("#merge-dialog");

// choose shows the conflicts side by side and resolves to the choices
// (key → 0 mine, 1 theirs, 2 both), or to null when cancelled.
const choose = (conflicts, doc) => new Promise((done) => {
  $("#merge-intro").textContent = msg("merge_title", { file: doc.file, name: doc.name, n: conflicts.length });
  $("#merge-conflicts").replaceChildren(...conflicts.map(([key, ...options], i) => {
    const set = make("fieldset", "", "merge-choice");
    set.append(make("legend", f.labelOfKey(key)), ...options.map((v, c) => {
      const option = make("label", "", "merge-option");
      option.append(assign(make("input"), { type: "radio", name: "merge-" + i, value: c, checked: !c }),
        make("span", msg(["merge_mine", "merge_theirs", "merge_both"][c], { name: doc.name }), "merge-option__who"),
        make("span", f.show(v) || msg("merge_empty"), "merge-option__value"));
      return option;
    }).slice(0, options[2] ? 3 : 2));
    return set;
  }));
  dialog.onclick = (e) => {
    const b = e.target.closest("[data-merge]");
    if (!b) return;
    dialog.close();
    done(b.dataset.merge == "apply" && fromEntries(conflicts.map(([key], i) => [key, +$(`[name="merge-${i}"]:checked`, dialog).value])));
  };
  dialog.oncancel = () => done();
  dialog.showModal();
});

// mergeFile merges the other party's file into the open draft
// (docs/record.md, section 3): each owned part from its owner's copy,
// shared fields with every conflict shown to choose, and what this form
// has no field for kept among the earlier-version values. The summary
// counts what was stored.
export const mergeFile = async (input) => {
  const doc = await read(input, cfg.method);
  if (!doc) return;
  const known = key => f.knows(key);
  const mine = { ...f.draft, values: f.collect() };
  const m = mergeRecords(mine, doc, cfg.schema, { seen: fromEntries((f.draft.contrib || []).flatMap(c => entries(c.seen || {}))), known });
  if (!m.taken.length && !m.conflicts.length && !m.owned.length && !m.kept.length) return tell("merge_nothing", { file: doc.file });
  const choices = m.conflicts.length ? await choose(m.conflicts, doc) : {};
  if (!choices) return;
  // The open draft may have been saved (a new object) while the dialog was open.
  const r = resolve(m, choices), draft = f.draft, changed = [...r.changed, ...m.owned];
  // a value the form cannot show (another kind now) is kept, not dropped
  const misfits = f.fill(r.values, changed);
  assign(draft, { earlier: keepEarlier(m.earlier, misfits), stamps: m.stamps });
  draft.contrib = [...(draft.contrib || []), { who: doc.name, party: doc.party, file: doc.file, at: now(), keys: changed, seen: r.seen }];
  f.mark(...changed, "@earlier", "@stamps", "@contrib");
  f.changed();
  tell("merged", { file: doc.file, n: changed.length - keys(misfits).length, kept: m.kept.length + keys(misfits).length });
};
