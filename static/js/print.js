// Turns the print hint on a printable page into a print button. Without
// script the hint stays and explains Ctrl+P; so the button exists only
// where it works. Loaded as a file: the Content-Security-Policy allows no
// inline script.
for (const hint of document.querySelectorAll("[data-print-button]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "print-button";
  button.textContent = hint.dataset.printButton;
  button.addEventListener("click", () => window.print());
  hint.replaceChildren(button);
}
