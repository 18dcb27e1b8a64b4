// Repeating rows (participants, agreements, last time's agreements): add
// and remove by button, with ids, labels and the remove buttons' text kept
// right. A table's blank row is taken before any value is filled in.

import { $, $$, msg, on, text, ask, quiet, tell } from "./dom.js";

const blank = new Map();
const rows = table => $$("tbody tr", table);
const add = table => $("tbody", table).append(blank.get(table).cloneNode(true));

export const setRows = (table, n) => {
  n = Math.max(n, +table.dataset.minRows);
  while (rows(table).length > n) rows(table).at(-1).remove();
  while (rows(table).length < n) add(table);
  renumber(table);
};

// renumber gives each row's controls the ids and names the partial gave
// row n: id "<table>-<n>-<column>", named by the table's legend, the
// row's header and the column's label.
const renumber = (table) => {
  const base = $("legend", table).id.replace(/-legend$/, "");
  rows(table).forEach((row, i) => {
    const head = $("th", row);
    text($(".row-number", head), ++i);
    head.id = `${base}-r${i}`;
    for (const el of $$("[data-col]", row)) {
      const label = el.previousElementSibling;
      el.id = label.htmlFor = `${base}-${i}-${el.dataset.col}`;
      label.id = el.id + "-l";
      el.setAttribute("aria-labelledby", `${base}-legend ${head.id} ${label.id}`);
    }
    text($("[data-remove-row]", row), msg("remove_row", { n: i }));
  });
};

// rowTables wires the add and remove buttons; changed(table) is told of
// each change. A row that holds anything is removed only after a yes in
// the page's dialog. Focus goes to the new row's first field, or, after a
// removal, to the first field of the row that took the removed one's
// place (the add button when it was the last): never to another remove
// button, so a second Enter removes nothing; the removal is announced.
export const rowTables = (tables, changed) => {
  for (const table of tables) {
    blank.set(table, rows(table)[0].cloneNode(true));
    on(table, "click", async (e) => {
      const button = e.target.closest("button"), row = button?.closest("tr");
      if (!button) return;
      if (!row) {
        add(table);
        renumber(table);
        $("[data-col]", rows(table).at(-1)).focus();
        return changed(table);
      }
      const n = rows(table).indexOf(row) + 1;
      // Filled: a control holds other than what a new row starts with.
      const start = $$("[data-col]", blank.get(table)).map(el => el.value);
      const filled = $$("[data-col]", row).some((el, i) => el.value.trim() != start[i].trim());
      quiet();
      if (filled && !await ask(msg("confirm_row", { n }))) return;
      const next = row.nextElementSibling;
      row.remove();
      if (!rows(table).length) add(table);
      renumber(table);
      (next ? $("[data-col]", next) : $("[data-add-row]", table)).focus();
      changed(table);
      tell("row_removed", { n });
    });
  }
};
