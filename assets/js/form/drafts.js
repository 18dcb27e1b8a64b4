// The open draft and its place in storage: autosave, named drafts (open,
// new, rename, delete), the drafts bar, and keeping tabs in step. Another
// tab's change arrives through the storage event: field by field the later
// edit wins, the tab whose edit lost says so, and a draft deleted in one
// tab stays deleted (its tombstone stops any other tab's save).

import { $, cfg, msg, on, tell, warn, store, day, text, ask } from "./dom.js";
import { collect, fill, migrate, refresh, labelOfKey } from "./values.js";
import { sync } from "../lib/storage.js";
import { format } from "../lib/schema.js";
import { ownerOf } from "../lib/owner.js";
import { keys, isPlain, same, newId } from "../lib/util.js";

const select = $("#draft-select");
const nameInput = $("#draft-name");
const partyInput = $("#draft-party");
const hooks = [];

export let draft; // the open draft (docs/record.md, section 1)
let edits = {}; // this tab's edits not yet stored: key → time
let timer;
let asked;

// afterChange registers what must follow any change of the values, made
// here or taken in from another tab (the sign-off's seal, the blocks of
// earlier values and contributions).
export const afterChange = f => hooks.push(f);
const settle = () => Promise.all(hooks.map(f => f()));

// mark notes that keys ("@name" for the draft's own parts) were edited now.
export const mark = (...ks) => ks.map(k => { edits[k] = Date.now(); });

export const fresh = (name, values = {}, extra) => ({ id: newId(), name, created: Date.now(), values, earlier: {}, touched: {}, ...extra });

export const freeName = (n = 1) => {
  const names = store.list(cfg.method).map(d => d.name).concat(draft?.name);
  while (names.includes(msg("draft", { n }))) n++;
  return msg("draft", { n });
};

// show brings the bar in line with the open draft: its name, party, when
// it was saved and exported, and a nudge when changes are a week old and
// in no export; and the list of drafts.
const show = () => {
  nameInput.value = draft.name;
  partyInput.value = draft.party || "";
  text($("#save-state"), (draft.savedAt ? msg("saved", { time: new Date(draft.savedAt).toLocaleString(cfg.lang) }) : msg("idle")) +
    (draft.pending && Date.now() - draft.pending > 6048e5 ? " " + msg("nudge", { date: day(new Date(draft.pending).toISOString()) }) : ""));
  text($("#export-state"), draft.exportedAt ? msg("last_exported", { date: day(draft.exportedAt) }) : msg("never_exported"));
  select.replaceChildren(...store.list(cfg.method).filter(d => d.id != draft.id).concat(draft)
    .sort((a, b) => a.created - b.created).map(d => new Option(d.name || "…", d.id, false, d.id == draft.id)));
};

// persist asks the browser, once and after a first save, to keep this
// site's storage even when space runs low, and shows whether it does.
const persist = async (ask) => {
  const s = navigator.storage;
  if (!s?.persist) return;
  let kept = await s.persisted();
  if (!kept && ask && !asked) kept = await s.persist(asked = 1);
  text($("#persist-state"), msg(kept ? "persisted" : "not_persisted"));
};

// take brings in another tab's copy of the open draft (theirs) or, when
// saving, merges it with this one's: field by field the later edit wins.
// The fields it changed are shown, and the tab whose edit lost says so.
const take = (mine, theirs) => {
  const { rec, gained } = sync(mine, theirs);
  const lost = gained.filter(k => k in edits);
  for (const k of lost) delete edits[k];
  fill(rec.values, gained);
  const names = ks => [...new Set(ks.filter(k => k[0] != "@" || k == "@name").map(k => k == "@name" ? msg("draft_name") : labelOfKey(k)))].join(", ");
  if (names(lost)) tell("tab_lost", { fields: names(lost) });
  else if (names(gained)) tell("tab_updated", { fields: names(gained) });
  return [rec, gained.length && settle()];
};

// save stores the open draft, brought together with what another tab may
// have stored meanwhile. It returns false, and says so aloud, when
// storage refused it: nothing already stored is lost, and what is on the
// screen stays there to be exported.
export const save = () => {
  clearTimeout(timer);
  try {
    return store_();
  } catch {
    // whatever went wrong, the person hears that this was not saved
    text($("#save-state"), msg("not_saved"));
    return warn("not_saved"), false;
  }
};
const store_ = () => {
  const t = Date.now(), values = collect();
  for (const k in values) if (!same(values[k], draft.values[k]) && !(k in edits)) edits[k] = t;
  if (draft.savedAt && !keys(edits).length) return true;
  const theirs = store.get(cfg.method, draft.id);
  if (theirs?.deletedAt) return gone();
  // an owned part that changed here is stamped: a merge takes the later
  // one when neither copy is its owner's (docs/record.md, section 3)
  const stamps = { ...draft.stamps };
  for (const k of keys(edits)) {
    const owner = k[0] == "@" ? null : ownerOf(k, values[k], cfg.schema);
    if (owner != null) stamps[owner] = Math.max(stamps[owner] || 0, edits[k]);
  }
  let rec = { ...draft, format, method: cfg.method, version: cfg.version, lang: cfg.lang, values, stamps, touched: { ...draft.touched, ...edits } };
  if (isPlain(theirs?.values)) [rec] = take(rec, theirs);
  rec = { ...rec, savedAt: new Date(t).toISOString(), pending: rec.pending || t };
  if (!store.put(cfg.method, rec)) {
    text($("#save-state"), msg("not_saved"));
    return warn("not_saved"), false;
  }
  edits = {};
  draft = rec;
  show();
  persist(1);
  return true;
};

// changed is told of every edit: the printed values follow at once, the
// rest (seal, storage) a moment later.
export const changed = () => {
  refresh();
  clearTimeout(timer);
  timer = setTimeout(() => settle().then(save), 300);
};

export const open = (d, note) => {
  clearTimeout(timer);
  edits = {};
  draft = { earlier: {}, touched: {}, stamps: {}, ...d };
  store.mark(cfg.method, d.id);
  draft.earlier = { ...draft.earlier, ...fill(migrate(draft.values || {})) };
  draft.values = collect(); // the stored values as this form holds them
  show();
  settle();
  if (note) tell(note, { name: d.name });
};

// begin stores a new draft and opens it; if storage refuses either it or
// the draft open now, nothing changes and fail is said aloud.
export const begin = (rec, note, fail, vars) =>
  save() && store.put(cfg.method, { ...rec, method: cfg.method, version: cfg.version, lang: cfg.lang }) ? (open(rec, note), true) : warn(fail, { name: rec.name, ...vars });

const next = () => open(store.list(cfg.method).at(-1) || fresh(freeName()));

// gone: another tab deleted the open draft. It stays deleted; this tab
// moves on to another draft and says why.
const gone = () => {
  const name = draft.name;
  next();
  tell("deleted_elsewhere", { name });
};

// remove deletes the open draft once the person said yes in the page's
// dialog; focus goes to the drafts list, which shows the draft open now.
export const remove = async () => {
  const { name, id } = draft;
  if (!await ask(msg("confirm_delete", { name }))) return;
  store.drop(cfg.method, id);
  next();
  select.focus();
  tell("deleted", { name });
};

on(select, "change", () => {
  const d = store.get(cfg.method, select.value);
  if (!save()) select.value = draft.id;
  else if (isPlain(d) && !d.deletedAt) open(d, "opened");
});
// The draft name comes filled in ("Concept 1"): focusing it selects it
// whole, so that what is typed replaces it, also on a phone, where
// selecting a field's text by touch is fiddly. The mouseup (or the tap's)
// that focused the field would put the caret back, so it is held off once.
let tapped;
on(nameInput, "pointerdown", () => { tapped = document.activeElement != nameInput; });
on(nameInput, "focus", () => nameInput.select());
on(nameInput, "mouseup", (e) => {
  if (tapped) e.preventDefault();
  tapped = false;
});
on(nameInput, "input", () => {
  draft.name = nameInput.value;
  mark("@name");
  changed();
});
on(partyInput, "change", () => {
  draft.party = partyInput.value;
  mark("@party");
  changed();
});
on(window, "pagehide", () => keys(edits).length && save());

// Another tab stored something: list the drafts again, and take in a
// change of the open one.
on(window, "storage", (e) => {
  if (e.key == store.key(cfg.method, draft.id)) {
    let theirs;
    try { theirs = JSON.parse(e.newValue); } catch {}
    if (!isPlain(theirs?.values)) return gone();
    [draft] = take({ ...draft, values: collect(), touched: { ...draft.touched, ...edits } }, theirs);
    if (keys(edits).length) changed();
  }
  show();
});

// start opens the draft named in the address (#draft=<id>, from "My
// conversations" or a follow-up), the one open last, the newest, or a new one.
export const start = () => {
  persist();
  store.purge();
  const wanted = new URLSearchParams(location.hash.slice(1)).get("draft");
  const d = store.list(cfg.method).find(x => x.id == (wanted || store.last(cfg.method)));
  if (wanted) history.replaceState(null, "", location.pathname + location.search);
  d ? open(d, wanted && "opened") : next();
};
