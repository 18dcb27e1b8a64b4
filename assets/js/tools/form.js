// The form module, as the later bundles see it (form-tools.js, the menu's
// tools, and form-sign.js, the sign-off): the namespace of the page's
// form script (assets/js/form.js), imported at run time from the very URL
// the page loaded it from (Hugo passes it as @params:
// layouts/_partials/script.html), so it is the same module instance and
// the same open draft. The import is top-level await: every module that
// imports this one runs only once the form module is there.
//
// Every module under form/ (and the state it holds: the configuration,
// the live regions and their notes, storage, the open draft) belongs to
// the form bundle, and exists once on a page. A module of these bundles
// takes the form script's helpers from here, never by importing ../form/
// itself: esbuild would put a second copy of that module, with state of
// its own, into this bundle (issue 20; TestEachModuleOnce in
// sitetest/sitecheck holds the built bundles to this).

import * as params from "@params";

export const f = await import(params.form);

// form/dom.js (and lib/record.js's empty), as the form script exports
// them; files in and out are ./io.js. draft is not here: it is a
// live binding (another draft opens, a save makes a new object), read
// as f.draft. One name at a time, not destructured: the minifier after
// esbuild (tdewolff/minify, resources.Minify) moves a destructuring
// declaration ahead of the others it merges it with, here ahead of the
// import, which left every name undefined.
export const $ = f.$, $$ = f.$$, cfg = f.cfg, msg = f.msg, make = f.make, on = f.on, text = f.text, trim = f.trim,
  tell = f.tell, warn = f.warn, day = f.day, now = f.now, store = f.store, methodOf = f.methodOf, empty = f.empty;
