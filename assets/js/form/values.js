// The form and its values as plain data (key → text, tick, list of texts
// or table rows), both ways, and the text each value prints as. Controls
// are found by what the partials mark them with: a name, data-repeat for
// a table (its cells by data-col), data-list for a numbered list.

import { $, $$, cfg, day, text, trim } from "./dom.js";
import { setRows } from "./rows.js";
import { privateOwner } from "../lib/record.js";
import { entries, fromEntries, isList, isText, isPlain } from "../lib/util.js";

export const form = $("[data-form]");
export const tables = $$("[data-repeat]", form);
export const rowsOf = table => $$("tbody tr", table);
export const tableOf = key => tables.find(t => t.dataset.repeat == key);
const named = key => $$(`[name="${CSS.escape(key)}"]`, form);
const cell = el => el.type == "checkbox" ? el.checked : el.value;

export const collect = () => {
  const v = {};
  for (const el of form.elements) {
    const name = el.name;
    if (!name) continue; // buttons, fieldsets and table cells
    if (el.type == "radio") v[name] = el.checked ? el.value : v[name] || "";
    else if ("list" in el.dataset) (v[name] ||= []).push(el.value);
    else v[name] = cell(el);
  }
  for (const t of tables) v[t.dataset.repeat] = rowsOf(t).map(row => fromEntries($$("[data-col]", row).map(el => [el.dataset.col, cell(el)])));
  return v;
};

// migrate turns values of an earlier version into today's: a group marked
// data-was="old.key" takes a ticked box of that key as its first choice
// ("agreed" became the verdict "agree").
export const migrate = (values) => {
  const out = { ...values };
  for (const group of $$("[data-was]", form)) {
    const was = group.dataset.was, [r] = $$("input:not([value=''])", group);
    if (typeof out[was] != "boolean") continue;
    if (out[was] && !out[r.name]) out[r.name] = r.value;
    delete out[was];
  }
  return out;
};

// fill puts values into the form (all of them, or only those of keys) and
// returns those that do not fit it (a field that is gone, or has another
// kind now), so they can be shown, kept and exported again.
export const fill = (values, keys) => {
  if (!keys) form.reset();
  const misfits = entries(values).filter(([key, v]) => (!keys || keys.includes(key)) && !(tableOf(key) ? fillRows(tableOf(key), v) : fillNamed(named(key), v)));
  refresh();
  return fromEntries(misfits); // own properties, even "__proto__"
};

const fillNamed = (els, v) => {
  const [el] = els;
  if (!el) return false;
  // "" is a group with nothing chosen: it fits a scale or rating that has
  // no empty option, and is no leftover of an earlier version
  if (el.type == "radio") return isText(v) && (els.forEach(r => { r.checked = r.value == v; }), !v || els.some(r => r.checked));
  if (el.type == "checkbox") return typeof v == "boolean" && ((el.checked = v), true);
  if ("list" in el.dataset) return isList(v) && v.length <= els.length && v.every(isText) && !els.forEach((e, i) => { e.value = v[i] ?? ""; });
  return isText(v) && (el.value = v, el.value == v); // a date field refuses what is not a date
};

const fillRows = (table, v) => {
  if (!isList(v) || !v.every(isPlain)) return false;
  setRows(table, v.length);
  rowsOf(table).forEach((row, i) => {
    for (const el of $$("[data-col]", row)) {
      const x = v[i]?.[el.dataset.col];
      el.type == "checkbox" ? el.checked = x === true : el.value = isText(x) ? x : "";
    }
  });
  return true;
};

// refresh copies every value into the element it prints in and marks the
// private notes that may be printed.
export const refresh = () => {
  for (const el of $$("input, textarea, select", form)) {
    const out = el.nextElementSibling;
    if (out?.classList.contains("print-value")) text(out, el.type == "date" ? day(el.value) : el.value && el.selectedOptions?.[0].text || el.value);
  }
  for (const group of $$("[data-private]", form)) group.toggleAttribute("data-shared", named(group.dataset.private + "." + cfg.schema.share)[0].checked);
};

// knows tells whether the form has a control for a value's key.
export const knows = key => !!(tableOf(key) || named(key)[0]);

// keyOf is the value's key a control belongs to.
export const keyOf = el => el.closest("[data-repeat]")?.dataset.repeat || el.name;

// labelOf names a control as its label reads, with its group's legend.
export const labelOf = el => [el.closest("fieldset")?.querySelector("legend"),
  ...(el.labels?.length ? el.labels : (el.getAttribute("aria-labelledby") || "").split(" ").map(id => id && document.getElementById(id)))]
  .filter(Boolean).map(trim).join(" – ");

// labelOfKey names a value's key as the form shows it (the key itself for
// one the form no longer has).
export const labelOfKey = key => tableOf(key) ? trim($("legend", tableOf(key))) : named(key)[0] ? labelOf(named(key)[0]) : key;

// isPrivate tells whether a key holds a private note (whatever its form).
export const isPrivate = (key, v) => privateOwner(key, v, cfg.schema) != null;
