// The API access page: a copy button for a new token (shown once), with a fallback that selects it.
(() => {
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
        ? "Copied. Keep it somewhere safe, like a password manager."
        : "The token is selected: press Ctrl+C (or ⌘C on a Mac) to copy it.";
    }
  });

  document.addEventListener("focusin", (event) => {
    if (event.target.id === "token-secret") event.target.select();
  });

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button[data-copy][hidden]").forEach((button) => { button.hidden = false; });
  });
})();
