// Backing up every draft of this site to one file and restoring from it.
// The backup holds each draft as its export (private notes stay home
// unless allowed) plus its id; a restore is checked whole before anything
// is stored, never overwrites a draft silently (a different one with the
// same id comes back beside it, as a copy), and is stored all or nothing.
// No DOM here.

import { isPlain, newId } from "./storage.js";
import { exportDoc, readDoc, shareable } from "./record.js";
import { isFuture, format } from "./schema.js";
import { json } from "./util.js";

export const maxBackup = 10 << 20;

export const backupDoc = (records, cfg, savedAt) => ({
  app: "gesprekswijzer", kind: "backup", format, savedAt,
  drafts: records.map(r => ({ ...exportDoc(r, cfg), id: r.id, created: r.created, exportedAt: r.exportedAt || "" })),
});

// readBackup returns [drafts] or [problem, vars] (message keys; a draft's
// own problem is vars.problem with its vars).
export const readBackup = (text, size, file, methods) => {
  if (size > maxBackup) return ["backup_too_big", { file }];
  let doc;
  try { doc = JSON.parse(text); } catch {}
  if (isFuture(doc)) return ["backup_bad", { file, name: "", problem: "newer", version: doc.format, current: format }];
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
// draft of its method, whatever its name or id — or earlier in the same
// backup: skipped, so restoring twice changes nothing), new here (added,
// under its own id), or its id taken by a different draft here or by an
// earlier one of the backup (kept: it comes back beside it, under a new
// id and copyName(name)). list() gives every draft here; it is read once,
// so a restore takes time in proportion to the drafts, not their square.
// The counts are of drafts stored.
export const restorePlan = (drafts, list, s, copyName) => {
  const items = [], n = { added: 0, same: 0, kept: 0 };
  const content = (method, values, earlier) => method + "\n" + json([shareable(values, s), shareable(earlier || {}, s, values)]);
  const known = new Set(), ids = new Set();
  for (const r of list()) {
    known.add(content(r.method, r.values, r.earlier));
    ids.add(r.method + ":" + r.id);
  }
  for (const d of drafts) {
    const { file, ...rec } = d, c = content(d.method, d.values, d.earlier);
    if (known.has(c)) {
      n.same++;
      continue;
    }
    known.add(c);
    const taken = ids.has(d.method + ":" + d.id);
    n[taken ? "kept" : "added"]++;
    const out = taken ? { ...rec, id: newId(), name: copyName(d.name) } : rec;
    ids.add(d.method + ":" + out.id);
    items.push([d.method, out]);
  }
  return { items, ...n };
};
