// What every part of the page's scripts shares: queries, the page's
// configuration (#gw-config, a JSON block: the Content-Security-Policy
// allows no inline script), its messages, the live regions, dates, and
// the drafts' storage (file downloads and uploads: ../tools/io.js). Text only ever reaches
// the page as text (textContent, value), never as HTML.

import { drafts } from "../lib/storage.js";
import { format } from "../lib/message.js";

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
export const on = (target, type, handler) => target.addEventListener(type, handler);
export const text = (el, s) => { el.textContent = s; };
export const trim = el => el.textContent.trim();
export const cfg = JSON.parse($("#gw-config").textContent);
// A key the page was not given (data/form_messages.toml lists them) is
// reported on the console, where the browser tests see it, and shows as
// nothing rather than as "undefined".
export const msg = (key, vars = {}, count = "n") =>
  Object.hasOwn(cfg.msg, key) ? format(cfg.msg[key], vars, count) : (console.error("no message", key), "");
export const make = (tag, s = "", className = "") => Object.assign(document.createElement(tag), { textContent: s, className });
export const now = () => new Date().toISOString();

// tell and warn write to the polite and the assertive live region (the
// same message twice is still announced), and show the same words in the
// page flow next to what they are about: the control in use (an action's
// button or file field, the field being typed in; else the one that
// started the action, if it is still there), or the drafts bar (on
// "My conversations", the tools above the table) when that control is
// gone. Nothing lies over the form. The copy is hidden from screen readers,
// which heard the live region; it stays until the next action, since taking
// it away later would move the page under the reader's eyes.
let clear, origin;
const note = { status: make("p", "", "form-note"), alert: make("p", "", "form-note form-note--alert") };
for (const n of Object.values(note)) n.setAttribute("aria-hidden", "true");
const place = () => {
  const active = document.activeElement?.closest("main") && document.activeElement;
  const from = active || (origin?.isConnected ? origin : null);
  const near = from &&
    (from.closest(".repeat-table")?.closest("fieldset") || from.closest(".button-row, .field, .party"));
  const at = near || $(".form-bar__state") || $("[data-form-tools]");
  at.after(note.alert, note.status);
};
const say = (id, s) => {
  const el = $(id);
  text(el, s && el.textContent == s ? s + "\u00a0" : s);
  text(note[el.getAttribute("role")], s);
  if (s) place();
  if (el.getAttribute("role") == "status") clear = clearTimeout(clear) || setTimeout(() => text(el, ""), 1e4);
};
export const tell = (key, vars) => say("#form-status", msg(key, vars));
export const warn = (key, vars) => say("#form-alert", msg(key, vars));
// quiet starts an action: earlier messages go, and the control in use
// now is where the action's outcome will be shown.
export const quiet = () => {
  origin = document.activeElement;
  say("#form-status", "");
  say("#form-alert", "");
};

// ask puts a yes/no question in the page's own dialog (form/confirm.html)
// and resolves to true for yes only. Focus starts on "cancel", the safe
// answer, so an Enter pressed twice deletes nothing; on "cancel" it goes
// back where it was, on "yes" the caller moves it.
export const ask = question => new Promise((resolve) => {
  const dialog = $("#confirm-dialog"), back = document.activeElement;
  text($("#confirm-question", dialog), question);
  const done = (yes) => {
    dialog.onclick = dialog.oncancel = null;
    dialog.close();
    if (!yes) back?.focus();
    resolve(yes);
  };
  dialog.onclick = (e) => {
    const button = e.target.closest("button");
    if (button) done(button.value == "yes");
  };
  dialog.oncancel = (e) => {
    e.preventDefault();
    done(false);
  };
  dialog.showModal();
  $("button[value=no]", dialog).focus();
});

// day shows a date (YYYY-MM-DD) or a moment in the page's language.
export const day = v => v ? new Date(/^\d{4}-\d\d-\d\d$/.test(v) ? v + "T12:00" : v).toLocaleDateString(cfg.lang) : "";

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
