// Files: export (the lasting copy; private notes stay home unless
// allowed), import as a new draft, and merging the other party's file into
// this draft, with every conflict shown side by side to choose. A refused
// file changes nothing: nothing is stored before every check passed.

import { $, cfg, msg, make, tell, download, chosen, today, now } from "../form/dom.js";
import { f } from "./form.js";
import { exportDoc, readDoc, fileName, slug } from "../lib/record.js";
import { merge, resolve } from "../lib/merge.js";
import { assign, entries, fromEntries, hasOwn } from "../lib/util.js";

// name is what a file of this draft is called: method, name, date.
export const name = ext => fileName(slug(cfg.title), f.draft.name, f.collect()[cfg.schema.date] || today(), ext);

export const exportDraft = async () => {
  const fp = await f.seal(), file = name("json");
  // From the screen, not from storage: export is the way out when storage is full.
  download(file, JSON.stringify(exportDoc({ ...f.draft, values: f.collect() }, cfg, fp && { fingerprint: fp }), null, 2));
  assign(f.draft, { exportedAt: now(), pending: 0 });
  f.mark("@exportedAt", "@pending");
  f.save();
  tell("exported", { file });
};

// read returns the export in a file input, or reports why it is refused.
export const read = async (input, want) => {
  const file = await chosen(input);
  const [doc, vars] = file ? readDoc(file.text, file.size, file.name, cfg.methods, want) : [];
  if (doc?.substring) f.refuse(doc, vars);
  else return doc;
};

export const importFile = async (input) => {
  const doc = await read(input, cfg.method);
  if (doc && f.begin(f.fresh(doc.name, doc.values, { earlier: doc.earlier, party: doc.party, contrib: doc.contrib }), "", "not_imported", { file: doc.file })) {
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

export const mergeFile = async (input) => {
  const doc = await read(input, cfg.method);
  if (!doc) return;
  const m = merge(f.collect(), doc.values, fromEntries((f.draft.contrib || []).flatMap(c => entries(c.seen || {}))));
  const earlier = entries(doc.earlier).filter(([k]) => !hasOwn(f.draft.earlier, k));
  if (!m.taken.length && !m.conflicts.length && !earlier.length) return tell("merge_nothing", { file: doc.file });
  const choices = m.conflicts.length ? await choose(m.conflicts, doc) : {};
  if (!choices) return;
  // The open draft may have been saved (a new object) while the dialog was open.
  const r = resolve(m, choices), draft = f.draft;
  f.fill(r.values, r.changed);
  draft.earlier = { ...draft.earlier, ...fromEntries(earlier) };
  draft.contrib = [...(draft.contrib || []), { who: doc.name, party: doc.party, file: doc.file, at: now(), keys: r.changed, seen: r.seen }];
  f.mark(...r.changed, "@earlier", "@contrib");
  f.changed();
  tell("merged", { file: doc.file, n: r.changed.length });
};
