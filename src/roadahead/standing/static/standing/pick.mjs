// Choosing pupils on the standing pages: a "choose every pupil on this page" button and a live
// count. Without this script the checkboxes and the submit button work just the same.
const form = document.querySelector("[data-pick-form]");
if (form) {
  const boxes = () => [...form.querySelectorAll("input[data-pick]")];
  const allButton = form.querySelector("[data-pick-all]");
  const count = form.querySelector("[data-pick-count]");

  const update = () => {
    // A pupil listed under several rules is one pupil.
    const chosen = new Set(boxes().filter((b) => b.checked).map((b) => b.value));
    count.textContent = chosen.size === 1 ? "1 pupil chosen" : `${chosen.size} pupils chosen`;
  };

  form.addEventListener("change", (event) => {
    const box = event.target;
    if (box.matches && box.matches("input[data-pick]")) {
      // Keep every copy of the same pupil's box in step.
      for (const other of boxes()) {
        if (other.value === box.value) other.checked = box.checked;
      }
      update();
    }
  });

  if (allButton) {
    allButton.hidden = false;
    allButton.addEventListener("click", () => {
      const every = boxes().every((b) => b.checked);
      for (const b of boxes()) b.checked = !every;
      update();
    });
  }
}
