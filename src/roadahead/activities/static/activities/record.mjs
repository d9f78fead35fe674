// The recording screen: "Mark everyone as attended" sets the radios here instead of reloading the
// page. Without this script the same button posts the form and the server does it.
const form = document.querySelector("[data-record-form]");
const button = form?.querySelector("[data-mark-all]");
const status = form?.querySelector("[data-mark-all-status]");

button?.addEventListener("click", (event) => {
  event.preventDefault();
  for (const radio of form.querySelectorAll('input[type="radio"][name$="-attendance"][value="attended"]')) {
    radio.checked = true;
  }
  if (status) {
    status.textContent = button.dataset.done || "Everyone is marked as attended.";
  }
});
