// Upload a pupil file with a progress bar, then go to the page that shows the check's result.
// Without JavaScript (or if anything here fails) the form posts normally and the server
// redirects to the same page, so this is only a nicer way to wait for a large file.

const form = document.querySelector("form[data-import-upload]");

function swapInPage(html) {
  // The server answered with the form again (a problem with the file field): show that page.
  const page = new DOMParser().parseFromString(html, "text/html");
  const main = page.querySelector("#main-content");
  if (!main) {
    return false;
  }
  document.title = page.title;
  document.querySelector("#main-content").replaceWith(main);
  const summary = main.querySelector(".govuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  const again = main.querySelector("form[data-import-upload]");
  if (again) {
    enhance(again);
  }
  return true;
}

function enhance(uploadForm) {
  const input = uploadForm.querySelector("input[type=file]");
  const progressGroup = uploadForm.querySelector("[data-import-progress]");
  const progress = uploadForm.querySelector("progress");
  const status = uploadForm.querySelector("[data-import-status]");
  const button = uploadForm.querySelector("button[type=submit]");
  if (!input || !progress || !status || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  uploadForm.addEventListener("submit", (event) => {
    if (!input.files || input.files.length === 0) {
      return; // let the server say "Choose a file to import."
    }
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open("POST", uploadForm.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    progressGroup.hidden = false;
    progress.value = 0;
    button.disabled = true;
    status.textContent = "Uploading the file…";
    request.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) {
        progress.value = Math.round((e.loaded / e.total) * 100);
      }
    });
    request.upload.addEventListener("load", () => {
      progress.removeAttribute("value"); // indeterminate while the server checks
      status.textContent = "Checking rows…";
    });
    request.addEventListener("load", () => {
      const landed = request.responseURL;
      if (request.status === 200 && landed && new URL(landed).pathname !== window.location.pathname) {
        window.location.assign(landed);
        return;
      }
      if (request.status === 200 && swapInPage(request.responseText)) {
        return;
      }
      uploadForm.submit();
    });
    request.addEventListener("error", () => {
      status.textContent = "The upload failed. Sending the file again without the progress bar…";
      uploadForm.submit();
    });
    request.send(new FormData(uploadForm));
  });
  // Marks the form as taken over, for anyone (or any test) that needs to know the script is ready.
  uploadForm.dataset.enhanced = "true";
}

if (form) {
  enhance(form);
}
