// The red-flag re-check: ticking a warning sign unticks "None of these", and the other way round.
document.addEventListener("DOMContentLoaded", () => {
  const none = document.querySelector('input[name="no_warning_signs"]');
  const signs = document.querySelectorAll('input[name="warning_signs"]');
  if (!none || signs.length === 0) return;
  none.addEventListener("change", () => {
    if (none.checked) signs.forEach((sign) => { sign.checked = false; });
  });
  signs.forEach((sign) => {
    sign.addEventListener("change", () => {
      if (sign.checked) none.checked = false;
    });
  });
});
