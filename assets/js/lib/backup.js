// Backing up every draft of this site to one file and restoring from it.
// The backup holds each draft as its export (private notes stay home
// unless allowed) plus its id; a restore is checked whole before anything
// is stored, never overwrites a draft silently (a different one with the
// same id comes back beside it, as a copy), and is stored all or nothing.
// No DOM here.

import { isPlain, same, newId } from "./storage.js";
import { exportDoc, readDoc, shareable } from "./record.js";

export const maxBackup = 10 << 20;

export const backupDoc = (records, cfg, savedAt) => ({
  app: "gesprekswijzer", kind: "backup", savedAt,
  drafts: records.map(r => ({ ...exportDoc(r, cfg), id: r.id, created: r.created, exportedAt: r.exportedAt || "" })),
});

// readBackup returns [drafts] or [problem, vars] (message keys; a draft's
// own problem is vars.problem with its vars).
export const readBackup = (text, size, file, methods) => {
  if (size > maxBackup) return ["backup_too_big", { file }];
  let doc;
  try { doc = JSON.parse(text); } catch {}
  if (!isPlain(doc) || doc.app != "gesprekswijzer" || doc.kind != "backup" || !Array.isArray(doc.drafts)) return ["not_backup", { file }];
  const out = [];
  for (const d of doc.drafts) {
    const [r, vars] = readDoc(JSON.stringify(d), 0, file, methods, "");
    const name = String(isPlain(d) && d.name || "").slice(0, 200);
    if (typeof r == "string") return ["backup_bad", { ...vars, name, problem: r }];
    if (typeof d.id != "string" || !/^[a-z0-9]{1,40}$/.test(d.id)) return ["backup_bad", { file, name, problem: "not_json" }];
    out.push({ ...r, id: d.id, created: Number.isFinite(d.created) ? d.created : Date.now(),
      savedAt: typeof d.savedAt == "string" ? d.savedAt : "", exportedAt: typeof d.exportedAt == "string" ? d.exportedAt : "" });
  }
  return [out];
};

// restorePlan decides per draft: already here (the same content in a
// draft of its method, whatever its name or id: skipped, so restoring
// twice changes nothing), new here (added, under its own id), or its id
// taken by a different draft (kept: it comes back beside that one, under
// a new id and copyName(name)). list(method) gives the drafts here.
export const restorePlan = (drafts, list, get, s, copyName) => {
  const items = [], n = { added: 0, same: 0, kept: 0 };
  const content = r => [shareable(r.values, s), shareable(r.earlier || {}, s, r.values)];
  for (const d of drafts) {
    const { file, ...rec } = d;
    const here = get(d.method, d.id);
    const live = isPlain(here) && !here.deletedAt;
    if (list(d.method).some(r => same(content(r), [d.values, d.earlier]))) {
      n.same++;
      continue;
    }
    n[live ? "kept" : "added"]++;
    items.push([d.method, live ? { ...rec, id: newId(), name: copyName(d.name) } : rec]);
  }
  return { items, ...n };
};
