// "My conversations": every draft on this device, across the methods of
// this site, with what a manager with ten reports needs to tell them
// apart (name, method, date, next date, open agreements, last saved, last
// exported) and open, export and delete; a backup of all drafts to one
// file, and a restore from it. Kept in step with the forms in other tabs.

import { $, cfg, msg, make, on, tell, warn, day, store, methodOf, quiet, ask } from "./form/dom.js";
import { download, chosen } from "./tools/io.js";
import { exportDoc, fileName, slug, empty } from "./lib/record.js";
import { backupDoc, readBackup, restorePlan } from "./lib/backup.js";
import { upgrade } from "./lib/signature.js";
import { hashFrom } from "./lib/fingerprint.js";

hashFrom(cfg.hash);

const body = $("#conversations tbody");
const s = cfg.schema;

const openAgreements = (d) => (methodOf(d.method)?.agreements || []).flatMap(id => Array.isArray(d.values?.[id]) ? d.values[id] : [])
  .filter(r => r && !empty(r[s.agreement.what]) && r[s.agreement.done] !== true).length;

const cell = (label, content) => {
  const td = make("td");
  td.append(make("span", label, "cell-label"), content);
  return td;
};

const render = () => {
  const labels = [...document.querySelectorAll("#conversations thead th")].map(th => th.textContent);
  const list = store.list().sort((a, b) => (a.name || "").localeCompare(b.name || "", cfg.lang) || a.created - b.created);
  body.replaceChildren(...list.map((d) => {
    const m = methodOf(d.method), tr = make("tr"), name = make("th");
    name.scope = "row";
    if (m) name.append(Object.assign(make("a", d.name || "…"), { href: m.form + "#draft=" + encodeURIComponent(d.id) }));
    else name.textContent = d.name || "…";
    const actions = make("td", "", "conversations__actions");
    for (const [key, act] of [["export", exportOne], ["delete", removeOne]]) {
      const b = make("button", msg(key));
      b.type = "button";
      b.setAttribute("aria-label", msg(key) + ": " + (d.name || "…"));
      on(b, "click", () => act(d));
      actions.append(b);
    }
    tr.append(name, ...[m?.title || d.method, day(d.values?.[s.date]), day(d.values?.[s.next]), String(openAgreements(d)),
      d.savedAt ? new Date(d.savedAt).toLocaleString(cfg.lang) : "", day(d.exportedAt)].map((v, i) => cell(labels[i + 1], v)), actions);
    return tr;
  }));
  // a damaged record is listed as such, with its raw text to download;
  // it never hides the others (docs/record.md, section 7)
  body.append(...store.damaged().map((d) => {
    const tr = make("tr"), name = make("th", msg("damaged", { method: methodOf(d.method)?.title || d.method.slice(0, 80) }));
    name.scope = "row";
    tr.dataset.damaged = "";
    const actions = make("td", "", "conversations__actions"), b = make("button", msg("damaged_export"));
    b.type = "button";
    on(b, "click", () => download(`gesprekswijzer-damaged-${slug(d.method)}-${slug(d.id)}.json`, d.raw));
    actions.append(b);
    const gap = make("td");
    gap.colSpan = 6;
    tr.append(name, gap, actions);
    return tr;
  }));
  if (!list.length && !body.children.length) {
    const tr = make("tr"), td = make("td", msg("no_drafts"));
    td.colSpan = 8;
    tr.append(td);
    body.append(tr);
  }
};

// exported marks drafts as exported now (a backup counts), where storage allows.
const exported = (list) => {
  const at = new Date().toISOString();
  store.putAll(list.map(d => [d.method, { ...d, exportedAt: at, pending: 0 }]));
};

const exportOne = (d) => {
  quiet();
  const file = fileName(slug(methodOf(d.method)?.title || d.method), d.name, d.values?.[s.date] || d.savedAt?.slice(0, 10), "json");
  download(file, JSON.stringify(exportDoc(d, cfg), null, 2), "application/json");
  exported([d]);
  render();
  tell("exported", { file });
};

// removeOne deletes a draft once the person said yes in the page's dialog.
// Its row is gone then: focus goes to the table, which says what is left.
const removeOne = async (d) => {
  quiet();
  if (!await ask(msg("confirm_delete", { name: d.name }))) return;
  store.drop(d.method, d.id);
  render();
  $("#conversations").focus();
  tell("deleted", { name: d.name });
};

on($("[data-action=backup]"), "click", () => {
  quiet();
  const list = store.list(), file = "gesprekswijzer-backup-" + new Date().toISOString().slice(0, 10) + ".json";
  download(file, JSON.stringify(backupDoc(list, cfg, new Date().toISOString()), null, 2), "application/json");
  exported(list);
  render();
  tell("backup_done", { n: list.length, file });
});

on($("[data-file=restore]"), "change", async (e) => {
  quiet();
  const f = await chosen(e.target);
  if (!f) return;
  const [read, vars] = readBackup(f.text, f.size, f.name, cfg.methods);
  if (typeof read == "string") {
    return warn(read, read == "backup_bad" ? { ...vars, problem: msg(vars.problem, { current: "", ...vars }) } : vars);
  }
  const list = await Promise.all(read.map(d => upgrade(d, s)));
  const plan = restorePlan(list, store.list, s, name => msg("restored_copy", { name }));
  if (!store.putAll(plan.items)) return warn("not_restored", { file: f.name });
  render();
  tell("restored", { file: f.name, ...plan });
});

on(window, "storage", render);
render();
