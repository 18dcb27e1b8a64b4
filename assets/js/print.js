// The print button of agendas and question lists. It is in the page from
// the start, in the same place as the hint that explains Ctrl+P; this
// script only makes it work and visible (html[data-js], see site.css), so
// nothing moves. Bundled and fingerprinted by Hugo (head/script.html).
document.documentElement.dataset.js = "";
for (const button of document.querySelectorAll("[data-print-button]")) {
  button.addEventListener("click", () => window.print());
}
