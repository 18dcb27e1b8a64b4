// Checking before printing or making the calendar file, and the error
// summary (the GOV.UK and NL Design System pattern): it lists each problem
// as a link to its field, takes focus, and marks each field invalid and
// described by its message. Refused files are reported here too. A module
// of the tools (form-tools.js): the form script asks for it through them.

import { f, $, $$, cfg, msg, make, on, trim } from "./form.js";

// not destructured: see ./form.js
const form = f.form, tables = f.tables, rowsOf = f.rowsOf, labelOf = f.labelOf;

const summary = $("#error-summary");
const by = "aria-describedby";

// report shows problems ([field or null, text]); report([]) clears them.
export const report = (problems) => {
  for (const old of $$(".field-error", form)) {
    const el = old.nextElementSibling; // the field it was put before
    el.setAttribute(by, el.getAttribute(by).replace(old.id, "").trim());
    el.removeAttribute("aria-invalid");
    old.remove();
  }
  $("ul", summary).replaceChildren(...problems.map(([el, s]) => {
    const li = make("li", el ? "" : s);
    if (el) {
      const link = li.appendChild(make("a", s)), note = make("p", s, "field-error");
      link.href = "#" + el.id;
      on(link, "click", (e) => { e.preventDefault(); el.focus(); });
      note.id = el.id + "-error";
      el.before(note);
      el.setAttribute(by, `${el.getAttribute(by) || ""} ${note.id}`.trim());
      el.setAttribute("aria-invalid", "true");
    }
    return li;
  }));
  summary.hidden = !problems.length;
  if (problems.length) summary.focus();
};

export const refuse = (key, vars) => report([[0, msg(key, vars)]]);

// check finds what would make a printout or calendar wrong: a date that
// is not a date, a verdict without the name of who gave it, a deadline
// without an agreement. It returns whether all is well.
export const check = () => {
  const problems = [], { what, due } = cfg.schema.agreement, col = (row, c) => $(`[data-col="${c}"]`, row);
  for (const el of $$("input[type=date]", form)) if (el.validity.badInput) problems.push([el, msg("bad_date", { label: labelOf(el) })]);
  for (const p of $$("[data-party]", form)) {
    const name = $("[data-sign=name]", p);
    if ($("[data-sign=verdict] :checked", p)?.value && !name.value.trim()) problems.push([name, msg("signed_name", { label: labelOf(name) })]);
  }
  for (const t of tables) rowsOf(t).forEach((row, i) => {
    if (col(row, what) && col(row, due)?.value && !col(row, what).value.trim()) problems.push([col(row, what), msg("row_what", { n: i + 1, label: trim($("legend", t)) })]);
  });
  // in the order of the fields on the page
  report(problems.sort(([a], [b]) => a.compareDocumentPosition(b) & 2 ? 1 : -1));
  return !problems.length;
};
