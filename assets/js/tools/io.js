// Files in and out of the page: a download, the file picked in a file
// input, and today's date their names carry. Only the tools (form-tools.js)
// and "My conversations" (conversations.js) handle files; these are here,
// not in form/dom.js, so that the form script, all a phone loads to fill
// in a form, does not carry them for the tools' sake (tools/form.js). No
// state, and no import: this module may be in any bundle.

export const today = () => new Date().toISOString().slice(0, 10);

export const download = (name, s) => {
  const a = document.createElement("a");
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
