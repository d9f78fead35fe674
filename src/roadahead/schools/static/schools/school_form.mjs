// School details form: show the "statutory checks may be switched off" hint as soon as the
// careers leader picks an independent or non-maintained special school, not only after saving.
const form = document.querySelector("form[data-not-bound-types]");
const hint = document.getElementById("not-bound-hint");
if (form && hint) {
  const notBound = new Set(form.dataset.notBoundTypes.split(" ").filter(Boolean));
  const update = () => {
    const chosen = form.querySelector("input[name='school_type']:checked");
    hint.hidden = !(chosen && notBound.has(chosen.value));
  };
  for (const radio of form.querySelectorAll("input[name='school_type']")) {
    radio.addEventListener("change", update);
  }
  update();
}
