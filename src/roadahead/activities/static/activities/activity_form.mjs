// The activity and series forms: choosing a type ticks its usual benchmarks (when none are ticked
// yet, so nothing a person chose is undone) and shows the checklists that apply to it. Without
// this script every checklist shows and the server uses the type's benchmarks when none are ticked.
const form = document.querySelector("[data-activity-form]");
const dataElement = document.getElementById("activity-type-data");
const typeSelect = form?.querySelector('select[name="activity_type"]');

if (form && dataElement && typeSelect) {
  const types = JSON.parse(dataElement.textContent);
  const benchmarkBoxes = () => [...form.querySelectorAll('input[type="checkbox"][name="benchmarks"]')];
  let autoTicked = benchmarkBoxes().every((box) => !box.checked);

  const apply = () => {
    const type = types[typeSelect.value];
    if (autoTicked) {
      for (const box of benchmarkBoxes()) {
        box.checked = Boolean(type && type.benchmarks.includes(Number(box.value)));
      }
    }
    for (const element of form.querySelectorAll("[data-workplace-only]")) {
      element.hidden = Boolean(type) && !type.workplace;
    }
    for (const element of form.querySelectorAll("[data-pal-only]")) {
      element.hidden = Boolean(type) && !type.pal;
    }
  };
  // Once a person ticks or unticks a benchmark themselves, changing the type leaves them alone.
  for (const box of benchmarkBoxes()) {
    box.addEventListener("change", () => {
      autoTicked = false;
    });
  }
  typeSelect.addEventListener("change", apply);
  if (typeSelect.value) {
    apply();
  }
}
