// The page is drawn before the form's script does its work (issue 18):
// a module script that is loaded by the time the page is parsed runs
// before the first frame, so the form's text waited for the script to
// restore the draft and wire every field. Importing this module makes the
// rest of the bundle wait for the first frame (a requestAnimationFrame,
// then a task, so that the frame is painted), or for WAIT ms, whichever
// comes first: a window that draws no frame (a background tab, a
// software-painted window on a busy machine draws one every few seconds)
// still gets its form, a second later at most. It is the bundle's
// first module, so html[data-js] (form/dom.js) still says that the form
// works: controls that need script appear once they do.
const WAIT = 1000;
await new Promise(ready => {
  requestAnimationFrame(() => setTimeout(ready));
  setTimeout(ready, WAIT);
});
