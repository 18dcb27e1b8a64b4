// What every part of the page's scripts shares: queries, the page's
// configuration (#gw-config, a JSON block: the Content-Security-Policy
// allows no inline script), its messages, the live regions, dates, file
// downloads and uploads, and the drafts' storage. Text only ever reaches
// the page as text (textContent, value), never as HTML.

import { drafts } from "../lib/storage.js";
import { format } from "../lib/message.js";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
export const on = (target, type, handler) => target.addEventListener(type, handler);
export const text = (el, s) => { el.textContent = s; };
export const trim = el => el.textContent.trim();
export const cfg = JSON.parse($("#gw-config").textContent);
export const msg = (key, vars = {}, count = "n") => format(cfg.msg[key], vars, count);
export const make = (tag, s = "", className = "") => Object.assign(document.createElement(tag), { textContent: s, className });
export const now = () => new Date().toISOString();

// tell and warn write to the polite and the assertive live region; the
// same message twice is still announced. A polite message leaves the
// screen after 10 s (it was announced); a failure stays until the next action.
let clear;
const say = (id, s) => {
  const el = $(id);
  text(el, s && el.textContent == s ? s + "\u00a0" : s);
  if (el.role == "status") clear = clearTimeout(clear) || setTimeout(() => text(el, ""), 1e4);
};
export const tell = (key, vars) => say("#form-status", msg(key, vars));
export const warn = (key, vars) => say("#form-alert", msg(key, vars));
export const quiet = () => { say("#form-status", ""); say("#form-alert", ""); };

// day shows a date (YYYY-MM-DD) or a moment in the page's language.
export const day = v => v ? new Date(/^\d{4}-\d\d-\d\d$/.test(v) ? v + "T12:00" : v).toLocaleDateString(cfg.lang) : "";
export const today = () => now().slice(0, 10);

export const download = (name, s) => {
  const a = make("a");
  a.href = URL.createObjectURL(new Blob([s], { type: name.endsWith("ics") ? "text/calendar" : "application/json" }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
};

// chosen returns the file picked in a file input ({name, size, text}) and
// empties the input, so that the same file can be chosen again. A file
// over 10 MB (the largest backup) is not read; its size refuses it.
export const chosen = async (input) => {
  const file = input.files[0];
  input.value = "";
  return file && { name: file.name, size: file.size, text: file.size > 10 << 20 ? "" : await file.text() };
};

// Storage that refuses everything where the browser allows none.
let ls;
try { (ls = localStorage).length; } catch {
  ls = { length: 0, getItem() {}, setItem() { throw 0; }, removeItem() {} };
}
export const store = drafts(ls, cfg.site);
export const methodOf = id => cfg.methods.find(m => m.id == id);

// Scripts have run: controls that only work with script become visible
// where they already were (site.css), so nothing moves.
document.documentElement.dataset.js = "";
