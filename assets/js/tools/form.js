// The form module, as the tools see it: the namespace of the page's form
// script (assets/js/form.js), imported at run time from the very URL the
// page loaded it from, so that both share one open draft. Bound once by
// form-tools.js before any tool runs.

export let f;
export const bind = (ns) => { f = ns; };
