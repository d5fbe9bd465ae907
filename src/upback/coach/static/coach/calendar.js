// The calendar page: a copy button for the private link, and focus kept on the link section
// after htmx swaps it in (so a screen reader hears what changed).
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
      status.textContent = copied
        ? "Copied. Now paste it into your calendar app."
        : "The link is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.";
    }
  });

  document.addEventListener("focusin", (event) => {
    if (event.target.id === "feed-url") event.target.select();
  });

  document.addEventListener("DOMContentLoaded", () => reveal(document));
  // htmx:load fires on content htmx has just put in the page (the old section is gone by then).
  document.addEventListener("htmx:load", (event) => {
    if (event.target.id !== "subscription") return;
    reveal(event.target);
    event.target.focus();
  });
})();
