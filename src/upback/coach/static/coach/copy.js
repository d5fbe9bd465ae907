// Copy buttons for a value shown once (a calendar link, an API token). A button with
// data-copy="INPUT_ID" copies that input; data-status names the live region that says what
// happened, with the words from data-copied / data-selected. Buttons start hidden, so a page
// without this script shows no button that does nothing. Focusing the input selects it.
(() => {
  const reveal = (root) => {
    root.querySelectorAll("button[data-copy][hidden]").forEach((button) => { button.hidden = false; });
  };

  const copy = async (input) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(input.value);
        return true;
      } catch (error) {
        // Refused (no permission): fall back to selecting the text below.
      }
    }
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  };

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const input = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    if (!input) return;
    const copied = await copy(input);
    if (status) {
      status.textContent = copied ? button.dataset.copied : button.dataset.selected;
    }
  });

  document.addEventListener("focusin", (event) => {
    if (document.querySelector(`button[data-copy="${event.target.id}"]`)) event.target.select();
  });

  document.addEventListener("DOMContentLoaded", () => reveal(document));
  document.addEventListener("htmx:load", (event) => reveal(event.target));
})();
