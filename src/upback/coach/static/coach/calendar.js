// The calendar page: focus kept on the link section after htmx swaps it in, so a screen reader
// hears what changed. (The copy button is copy.js.)
(() => {
  // htmx:load fires on content htmx has just put in the page (the old section is gone by then).
  document.addEventListener("htmx:load", (event) => {
    if (event.target.id !== "subscription") return;
    event.target.focus();
  });
})();
