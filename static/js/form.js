// The fillable form: autosave to this browser, named drafts, export and
// import as a JSON file, a follow-up draft from an earlier one, printing
// filled in, and a calendar file of the deadlines.
//
// Progressive enhancement: without this script the page is a blank form to
// print. It is a module file because the Content-Security-Policy allows no
// inline script; what it needs to know (method, form version, messages in
// the page's language) is in the #form-config JSON block. Values only ever
// reach the page as text (value, textContent), never as HTML.
//
// Everything sits in one block: a module's top level is private anyway,
// and inside a block the minifier may shorten every name (the script's
// budget is 10 KB minified; see sitetest).
{

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const cfg = JSON.parse($("#form-config").textContent);
const msg = (key, vars = {}) => cfg.msg[key].replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? "");
const form = $("[data-form]");
const tools = $("[data-form-tools]");
const select = $("#draft-select");
const nameInput = $("#draft-name");
const saveState = $("#save-state");
const summary = $("#error-summary");
const prefix = cfg.store + ":"; // one localStorage record per draft: prefix + id
const maxBytes = 1 << 20;
const describedBy = "aria-describedby";

// Repeating tables (participants, agreements) and a blank row of each,
// taken before any value is filled in.
const tables = $$("[data-repeat]", form);
const rows = table => $$("tbody tr", table);
const blankRows = new Map(tables.map(t => [t, rows(t)[0].cloneNode(true)]));

let draft; // the open draft: {id, name, created, savedAt, values, earlier}
let timer;
let dirty = false;

const tell = (key, vars) => { $("#form-status").textContent = msg(key, vars); };
const on = (target, type, handler) => target.addEventListener(type, handler);
const isList = Array.isArray;
const isText = v => typeof v == "string";
const valuesOf = Object.values;
const make = (tag, text) => Object.assign(document.createElement(tag), { textContent: text });
const isPlain = v => v !== null && typeof v == "object" && !isList(v);
const isScalar = v => isText(v) || typeof v == "boolean";
// The only shapes a value may have: text, yes/no, a list of texts, or
// table rows of texts and ticks. Anything else is a damaged file.
const isValues = v => isPlain(v) && valuesOf(v).every(x => isScalar(x) ||
  isList(x) && x.every(y => isText(y) || isPlain(y) && valuesOf(y).every(isScalar)));
const slug = s => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "concept";
const showSaved = () => {
  saveState.textContent = draft.savedAt ? msg("saved", { time: new Date(draft.savedAt).toLocaleString(cfg.lang) }) : msg("idle");
};

// --- Storage -----------------------------------------------------------

const stored = () => {
  const list = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      // A record that does not parse is left alone, never overwritten.
      if (key.startsWith(prefix)) try { list.push(JSON.parse(localStorage.getItem(key))); } catch {}
    }
  } catch {}
  return list.filter(d => isPlain(d) && d.id).sort((a, b) => a.created - b.created);
};

const save = () => {
  clearTimeout(timer);
  dirty = false;
  Object.assign(draft, { method: cfg.method, version: cfg.version, lang: cfg.lang, values: collect(), savedAt: new Date().toISOString() });
  try {
    localStorage.setItem(prefix + draft.id, JSON.stringify(draft));
    showSaved();
  } catch {
    saveState.textContent = msg("not_saved");
  }
  listDrafts();
};

const changed = () => {
  refresh();
  dirty = true;
  clearTimeout(timer);
  timer = setTimeout(save, 300);
};

const fresh = (name, values = {}, earlier = {}) =>
  ({ id: Date.now().toString(36) + Math.random().toString(36).slice(2, 7), name, created: Date.now(), values, earlier });

const freeName = () => {
  const names = new Set(stored().map(d => d.name));
  let n = 1;
  while (names.has(msg("draft", { n }))) n++;
  return msg("draft", { n });
};

const listDrafts = () => {
  const all = stored().filter(d => d.id != draft.id).concat(draft).sort((a, b) => a.created - b.created);
  select.replaceChildren(...all.map(d => new Option(d.name || "…", d.id, false, d.id == draft.id)));
};

// --- Values: form ⇄ plain data ------------------------------------------

const collect = () => {
  const values = {};
  for (const el of form.elements) {
    const name = el.name;
    if (!name) continue; // buttons, fieldsets and table cells
    if (el.type == "radio") values[name] = el.checked ? el.value : values[name] || "";
    else if (el.type == "checkbox") values[name] = el.checked;
    else if ("list" in el.dataset) (values[name] ||= []).push(el.value);
    else values[name] = el.value;
  }
  for (const table of tables) {
    values[table.dataset.repeat] = rows(table).map(row => {
      const entry = {};
      for (const el of $$("[data-col]", row)) entry[el.dataset.col] = el.type == "checkbox" ? el.checked : el.value;
      return entry;
    });
  }
  return values;
};

// fill puts values into the form and returns those that do not fit it (a
// field that is gone, or has another kind now), so they can be shown.
const fill = (values) => {
  const misfits = [];
  form.reset();
  for (const table of tables) {
    const v = values[table.dataset.repeat];
    setRows(table, isList(v) ? v.length : 0);
  }
  for (const [key, value] of Object.entries(values)) {
    const table = tables.find(t => t.dataset.repeat == key);
    const fits = table ? fillRows(table, value) : fillNamed($$(`[name="${CSS.escape(key)}"]`, form), value);
    if (!fits) misfits.push([key, value]);
  }
  refresh();
  return Object.fromEntries(misfits); // own properties, even "__proto__"
};

const fillNamed = (els, value) => {
  const [el] = els;
  if (!el) return false;
  if (el.type == "radio") return isText(value) && (!value || els.some(r => (r.checked = r.value == value)));
  if (el.type == "checkbox") return typeof value == "boolean" && ((el.checked = value), true);
  if ("list" in el.dataset) {
    const ok = isList(value) && value.length <= els.length && value.every(isText);
    if (ok) value.forEach((v, i) => { els[i].value = v; });
    return ok;
  }
  if (!isText(value)) return false;
  el.value = value;
  return el.value == value; // a date field refuses what is not a date
};

const fillRows = (table, value) => {
  if (!isList(value) || !value.every(isPlain)) return false;
  rows(table).forEach((row, i) => {
    for (const el of $$("[data-col]", row)) {
      const v = value[i]?.[el.dataset.col];
      if (el.type == "checkbox") el.checked = v === true;
      else el.value = isText(v) ? v : "";
    }
  });
  return true;
};

// refresh copies every value into the element it prints in and marks the
// private notes that may be printed.
const refresh = () => {
  for (const el of $$("input, textarea", form)) {
    const out = el.nextElementSibling;
    if (out?.classList.contains("print-value")) {
      out.textContent = el.type == "date" && el.value ? new Date(el.value + "T12:00").toLocaleDateString(cfg.lang) : el.value;
    }
  }
  for (const group of $$("[data-private]", form)) {
    group.toggleAttribute("data-shared", $(`[name="${group.dataset.private}.share"]`, form).checked);
  }
};

// --- Table rows ------------------------------------------------------------

const setRows = (table, n) => {
  const body = $("tbody", table);
  n = Math.max(n, +table.dataset.minRows);
  while (rows(table).length > n) body.lastElementChild.remove();
  while (rows(table).length < n) body.append(blankRows.get(table).cloneNode(true));
  renumber(table);
};

// renumber keeps ids, accessible names (column header + row number) and
// the remove buttons' text right after rows come and go.
const renumber = (table) => {
  const base = $("legend", table).id.replace(/-legend$/, "");
  rows(table).forEach((row, i) => {
    const n = i + 1;
    const head = row.cells[0];
    head.textContent = n;
    head.id = `${base}-r${n}`;
    for (const el of $$("[data-col]", row)) {
      el.id = `${base}-${n}-${el.dataset.col}`;
      el.setAttribute("aria-labelledby", `${base}-h-${el.dataset.col} ${head.id}`);
    }
    $("[data-remove-row]", row).textContent = msg("remove_row", { n });
  });
};

on(form, "click", e => {
  const button = e.target.closest("button");
  const table = button?.closest("[data-repeat]");
  if (!table) return;
  const body = $("tbody", table);
  if ("addRow" in button.dataset) {
    const row = blankRows.get(table).cloneNode(true);
    body.append(row);
    renumber(table);
    $("input", row).focus();
  } else {
    const row = button.closest("tr");
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    if (!next) body.append(blankRows.get(table).cloneNode(true));
    renumber(table);
    (next ? $("[data-remove-row]", next) : $("[data-add-row]", table)).focus();
  }
  changed();
});

// --- Drafts ------------------------------------------------------------------

const open = (d, note) => {
  draft = d;
  try { localStorage.setItem(cfg.store, d.id); } catch {} // the draft to open next time
  draft.earlier = { ...d.earlier, ...fill(d.values || {}) };
  nameInput.value = d.name;
  showSaved();
  showEarlier();
  listDrafts();
  if (note) tell(note, { name: d.name });
};

const show = v => isList(v) ? v.map(show).join("\n") : isPlain(v) ? valuesOf(v).filter(x => x !== false).join(" · ") : String(v);

const showEarlier = () => {
  const section = $("#earlier");
  const entries = Object.entries(draft.earlier);
  $("dl", section).replaceChildren(...entries.flatMap(([k, v]) => [make("dt", k), make("dd", show(v))]));
  section.hidden = !entries.length;
};

// exported is what leaves the device: the draft without the private notes
// whose owner did not tick that they may go along.
const exported = () => {
  const values = collect();
  for (const group of $$("[data-private]", form)) {
    if (!values[group.dataset.private + ".share"]) delete values[group.dataset.private];
  }
  return { app: "gesprekswijzer", method: cfg.method, version: cfg.version, lang: cfg.lang, name: draft.name, savedAt: draft.savedAt, values, earlier: draft.earlier };
};

const download = (name, text, type) => {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
};

// start begins a follow-up draft: the participants and the agreements not
// yet done, nothing else.
const start = (values, from) => {
  const carried = {};
  const count = { all: 0, open: 0 };
  for (const table of tables) {
    const mode = table.dataset.carry;
    const list = values[table.dataset.repeat];
    const keep = (isList(list) ? list : []).filter(r => isPlain(r) &&
      valuesOf(r).some(x => isText(x) && x.trim()) && (mode == "all" || r.done !== true));
    if (keep.length) carried[table.dataset.repeat] = keep;
    count[mode] += keep.length;
  }
  save();
  open(fresh(msg("follow", { name: from }), carried));
  save();
  tell("carried", { name: draft.name, agreements: count.open, participants: count.all });
};

const actions = {
  new() {
    save();
    open(fresh(freeName()), "created");
    save();
  },
  duplicate() {
    save();
    open(fresh(msg("copy", { name: draft.name }), collect(), draft.earlier), "created");
    save();
  },
  delete() {
    if (!confirm(msg("confirm_delete", { name: draft.name }))) return;
    const name = draft.name;
    try { localStorage.removeItem(prefix + draft.id); } catch {}
    open(stored().at(-1) || fresh(freeName()));
    tell("deleted", { name });
  },
  export() {
    save();
    const file = `${cfg.method}-${slug(draft.name)}.json`;
    download(file, JSON.stringify(exported(), null, 2), "application/json");
    tell("exported", { file });
  },
  ics() {
    if (check()) calendar();
  },
  carry() {
    start(collect(), draft.name);
  },
};

on(tools, "click", e => {
  const button = e.target.closest("[data-action]");
  if (!button) return;
  report([]);
  actions[button.dataset.action]();
});

on(select, "change", () => {
  const d = stored().find(x => x.id == select.value);
  if (dirty) save();
  if (d) open(d, "opened");
});

on(nameInput, "input", () => {
  draft.name = nameInput.value;
  changed();
});

// --- Import ----------------------------------------------------------------

// read returns the export in a file input, or reports why it is refused.
// A refusal changes nothing: nothing is stored before every check passed.
const read = async (input) => {
  const file = input.files[0];
  input.value = ""; // so that the same file can be chosen again
  if (!file) return;
  const vars = { file: file.name, current: cfg.version };
  if (file.size > maxBytes) return refuse(msg("too_big", vars));
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch {}
  if (!isPlain(doc) || doc.app != "gesprekswijzer" || !isText(doc.method) || !Number.isInteger(doc.version) ||
    !isValues(doc.values) || !(doc.earlier == null || isValues(doc.earlier))) return refuse(msg("not_json", vars));
  if (doc.method != cfg.method) return refuse(msg("other_method", { ...vars, method: doc.method.slice(0, 80) }));
  if (doc.version > cfg.version) return refuse(msg("newer", { ...vars, version: doc.version }));
  doc.name = isText(doc.name) && doc.name.trim() ? doc.name.slice(0, 200) : file.name;
  doc.file = file.name;
  return doc;
};

for (const input of $$("[data-file]", tools)) {
  on(input, "change", async () => {
    report([]);
    const doc = await read(input);
    if (!doc) return;
    if (input.dataset.file == "carry") return start(doc.values, doc.name);
    if (dirty) save();
    open(fresh(doc.name, doc.values, doc.earlier || {}));
    save();
    tell("imported", { file: doc.file, name: draft.name });
  });
}

// --- Checking and the error summary ----------------------------------------

const textOf = el => el.textContent.trim();
const labelOf = el => [el.closest("fieldset")?.querySelector("legend"),
  ...(el.labels?.length ? el.labels : (el.getAttribute("aria-labelledby") || "").split(" ").map(id => id && document.getElementById(id)))]
  .filter(Boolean).map(textOf).join(" – ");

// check finds what would make a printout or calendar wrong: a date that is
// not a date, "agreed" without a name, a deadline without an agreement.
const check = () => {
  const problems = [];
  for (const el of $$("input[type=date]", form)) {
    if (el.validity.badInput) problems.push([el, msg("bad_date", { label: labelOf(el) })]);
  }
  for (const box of $$("[name$='.agreed']", form)) {
    const name = $(`[name="${box.name.replace(/agreed$/, "name")}"]`, form);
    if (box.checked && !name.value.trim()) problems.push([name, msg("agreed_name", { label: labelOf(name) })]);
  }
  for (const table of tables) {
    rows(table).forEach((row, i) => {
      const what = $("[data-col=what]", row);
      if (what && $("[data-col=due]", row).value && !what.value.trim()) {
        problems.push([what, msg("row_what", { n: i + 1, label: textOf($("legend", table)) })]);
      }
    });
  }
  // The summary lists problems in the order of the fields on the page.
  report(problems.sort(([a], [b]) => a.compareDocumentPosition(b) & 2 ? 1 : -1));
  return !problems.length;
};

const refuse = text => report([[null, text]]);

// report shows problems in the error summary, which takes focus, and next
// to their fields; report([]) clears both.
const report = (problems) => {
  for (const old of $$(".field-error", form)) {
    const el = old.nextElementSibling; // the field it was put before
    el.setAttribute(describedBy, el.getAttribute(describedBy).replace(old.id, "").trim());
    el.removeAttribute("aria-invalid");
    old.remove();
  }
  $("ul", summary).replaceChildren(...problems.map(([el, text]) => {
    const li = document.createElement("li");
    if (!el) return Object.assign(li, { textContent: text });
    const link = li.appendChild(make("a", text));
    link.href = "#" + el.id;
    on(link, "click", e => { e.preventDefault(); el.focus(); });
    const note = Object.assign(make("p", text), { className: "field-error", id: el.id + "-error" });
    el.before(note);
    el.setAttribute(describedBy, `${el.getAttribute(describedBy) || ""} ${note.id}`.trim());
    el.setAttribute("aria-invalid", "true");
    return li;
  }));
  summary.hidden = !problems.length;
  if (problems.length) summary.focus();
};

// --- Calendar file (RFC 5545) --------------------------------------------

const icsText = s => s.replace(/[\\;,]/g, "\\$&").replace(/\r?\n/g, "\\n");
const utf8 = new TextEncoder();

// fold splits a line into pieces of at most 75 bytes (UTF-8), as RFC 5545
// requires; a continuation starts with a space.
const fold = (line) => {
  const parts = [];
  let part = "";
  let size = 0;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(part);
      part = "";
      size = 0;
    }
    part += ch;
    size += n;
  }
  return parts.concat(part).join("\r\n ");
};

const calendar = () => {
  const events = [];
  for (const table of tables.filter(t => t.dataset.carry == "open")) {
    for (const row of rows(table)) {
      const [what, who, due, done] = ["what", "who", "due", "done"].map(c => $(`[data-col=${c}]`, row));
      if (due.value && !done.checked) {
        events.push([due.value, msg("ics_due", { what: what.value.trim() }), [textOf($("legend", table)), who.value.trim()].filter(Boolean).join(" – ")]);
      }
    }
  }
  for (const el of $$("[data-ics]", form)) {
    if (el.value) events.push([el.value, el.name == "meta.next" ? msg("ics_next", { method: cfg.title }) : labelOf(el), cfg.title]);
  }
  if (!events.length) return refuse(msg("no_dates"));
  const stamp = new Date().toISOString().replace(/[-:]|\.\d+/g, "");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Gesprekswijzer//Form//" + cfg.lang.toUpperCase(), "METHOD:PUBLISH"];
  // A DTSTART that is a date and no DTEND: an event of that whole day.
  events.forEach(([date, title, about], i) => lines.push("BEGIN:VEVENT", `UID:${draft.id}-${i}@gesprekswijzer.invalid`, "DTSTAMP:" + stamp,
    "DTSTART;VALUE=DATE:" + date.replace(/-/g, ""), "SUMMARY:" + icsText(title), "DESCRIPTION:" + icsText(about), "END:VEVENT"));
  lines.push("END:VCALENDAR");
  download(`${cfg.method}-${slug(draft.name)}.ics`, lines.map(fold).join("\r\n") + "\r\n", "text/calendar");
  tell("ics", { n: events.length });
};

// --- Start ---------------------------------------------------------------

for (const hint of $$("[data-print-button]")) {
  const button = make("button", hint.dataset.printButton);
  button.className = "print-button";
  on(button, "click", () => {
    report([]);
    if (check()) print();
  });
  hint.replaceChildren(button);
}

on(form, "input", changed);
on(form, "change", changed);
on(form, "submit", e => e.preventDefault());
on(window, "pagehide", () => dirty && save());
on(window, "beforeprint", refresh);

for (const el of $$("[data-row-actions]", form)) el.hidden = false;
$("[data-blank-note]").hidden = true;
tools.hidden = false;

let last;
try { last = localStorage.getItem(cfg.store); } catch {}
const drafts = stored();
open(drafts.find(d => d.id == last) || drafts.at(-1) || fresh(freeName()));
}
