// Long text fields: a live "n / limit" count, and a notice when the browser's maxlength cut a
// paste (the server checks the length again and names the field when this script is off).
"use strict";
const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
document.querySelectorAll("p.counter[data-limit]").forEach((counter) => {
  const field = document.getElementById(counter.id.replace(/-counter$/, ""));
  const notice = document.getElementById(counter.id.replace(/-counter$/, "-cut"));
  const limit = Number(counter.dataset.limit);
  if (!field || !limit) return;
  field.maxLength = limit;
  const show = () => {
    counter.textContent = `${numbers.format(field.value.length)} / ${numbers.format(limit)}`;
    counter.classList.toggle("counter-full", field.value.length >= limit);
  };
  field.addEventListener("input", show);
  field.addEventListener("paste", (event) => {
    const pasted = (event.clipboardData || window.clipboardData)?.getData("text") ?? "";
    const kept = field.value.length - (field.selectionEnd - field.selectionStart);
    const cut = kept + pasted.length - limit;
    if (notice && cut > 0) {
      notice.textContent = notice.dataset.message.replace("{cut}", numbers.format(cut));
      notice.hidden = false;
    } else if (notice) {
      notice.hidden = true;
    }
  });
  show();
});
