// Fill the hidden time-zone field from the browser, so dates follow the person's own day.
document.addEventListener("DOMContentLoaded", () => {
  const field = document.querySelector('input[name="time_zone"]');
  if (!field) return;
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
});
