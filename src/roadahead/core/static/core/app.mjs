// Page start-up: mark the page as scripted for GOV.UK Frontend, then start its components.
// Kept in a file (never inline) so the content security policy can forbid inline script.
import { initAll } from "../vendored/govuk/js/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// Any element with data-confirm asks before its form is submitted.
document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// Selecting a value in a filter select submits the form when it asks for it.
for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.requestSubmit());
}
