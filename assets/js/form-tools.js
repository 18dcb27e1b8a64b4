// The form's tools behind its menu: export, import, merging the other
// party's file, follow-ups, and the calendar file; and the checks before
// printing, with the error summary. The form script loads
// this module when the menu is first opened (it is not needed to fill in
// a form), with its integrity hash; it shares the open draft with the form
// script by importing that very module again (tools/form.js), and hands
// its actions over.

import { f, tell } from "./tools/form.js";
import { exportDraft, exportFor, printFor, importFile, mergeFile } from "./tools/files.js";
import { followFromDraft, followFromFile } from "./tools/followup.js";
import { calendar } from "./tools/dates.js";
import { check, report } from "./tools/errors.js";

f.provide({
  export: exportDraft,
  follow: followFromDraft,
  ics: () => {
    const n = check() && calendar();
    if (n) tell("ics", { n });
  },
  import: importFile,
  merge: mergeFile,
  carry: followFromFile,
  "export-hr": exportFor("hr"),
  "export-file": exportFor("file"),
  "print-hr": printFor("hr"),
  check, report,
});
