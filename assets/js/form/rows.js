// Repeating rows (participants, agreements, last time's agreements): add
// and remove by button, with ids, labels and the remove buttons' text kept
// right. A table's blank row is taken before any value is filled in.

import { $, $$, msg, on, text } from "./dom.js";

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
// row n: id "<table>-<n>-<column>", named by their label and row number.
const renumber = (table) => {
  const base = $("legend", table).id.replace(/-legend$/, "");
  rows(table).forEach((row, i) => {
    const number = $("th [id]", row);
    text(number, ++i);
    number.id = `${base}-r${i}`;
    for (const el of $$("[data-col]", row)) {
      const label = el.previousElementSibling;
      el.id = label.htmlFor = `${base}-${i}-${el.dataset.col}`;
      label.id = el.id + "-l";
      el.setAttribute("aria-labelledby", `${label.id} ${number.id}`);
    }
    text($("[data-remove-row]", row), msg("remove_row", { n: i }));
  });
};

// rowTables wires the add and remove buttons; changed(table) is told of
// each change. Focus goes to the new row, or to the remove button that
// took the removed one's place.
export const rowTables = (tables, changed) => {
  for (const table of tables) {
    blank.set(table, rows(table)[0].cloneNode(true));
    on(table, "click", (e) => {
      const button = e.target.closest("button"), row = button?.closest("tr");
      if (!button) return;
      if (!row) add(table);
      const next = row && (row.nextElementSibling || row.previousElementSibling);
      row?.remove();
      if (row && !next) add(table);
      renumber(table);
      (row ? next ? $("[data-remove-row]", next) : $("[data-add-row]", table) : $("[data-col]", rows(table).at(-1))).focus();
      changed(table);
    });
  }
};
