"use strict";
// spinrelax report: hover a point to read its values, click a spectrum (or its key entry) to
// isolate it, click again, "show all" or Esc to restore. Text goes in with textContent only.
for (const box of document.querySelectorAll("section.ia")) {
  const tip = box.querySelector(".tip");
  const unit = box.dataset.u ? " " + box.dataset.u : "";
  const show = (text, x, y) => {
    tip.textContent = text;
    tip.hidden = false;
    const r = box.getBoundingClientRect();
    const left = x - r.left + 14;
    tip.style.left = (left + tip.offsetWidth > r.width ? Math.max(0, x - r.left - tip.offsetWidth - 14) : left) + "px";
    tip.style.top = (y - r.top + 14) + "px";
  };
  // a point's values: its own data-v, or (chi'' and Cole-Cole) those of the same point of chi'
  const valuesOf = (el, g) => {
    if (el.dataset.v !== undefined) return el.dataset.v;
    const own = [...g.querySelectorAll("use")].indexOf(el);
    const holder = [...box.querySelectorAll("g[data-k]")].find(
      (x) => x.dataset.k === g.dataset.k && x.querySelector("use[data-v]"));
    const use = holder && holder.querySelectorAll("use")[own];
    return use ? use.dataset.v : "";
  };
  const textOf = (el) => {
    const g = el.closest("g[data-k]");
    if (el.dataset.t !== undefined) return el.dataset.t;
    const [f, re, im] = valuesOf(el, g).split(" ");
    const b = [...box.querySelectorAll("button[data-s]")].find((x) => x.dataset.k === g.dataset.k);
    return (b ? b.dataset.s + "\n" : "") + "f = " + f + " Hz, χ′ = " + re + ", χ″ = " + im + unit;
  };
  box.addEventListener("mouseover", (e) => {
    const el = e.target.closest("g[data-k] use");
    if (el && box.contains(el)) show(textOf(el), e.clientX, e.clientY);
  });
  box.addEventListener("mouseout", (e) => {
    const to = e.relatedTarget && e.relatedTarget.closest && e.relatedTarget.closest("g[data-k] use");
    if (!to || !box.contains(to)) tip.hidden = true;
  });
  const isolate = (key) => {
    box.dataset.iso = key;
    for (const el of box.querySelectorAll("[data-k]")) {
      el.classList.toggle("dim", key !== "" && el.dataset.k !== key);
    }
    for (const b of box.querySelectorAll("button[data-k]")) {
      b.setAttribute("aria-pressed", String(b.dataset.k === key));
    }
  };
  box.addEventListener("click", (e) => {
    const el = e.target.closest("[data-k]");
    if (el && box.contains(el)) isolate(box.dataset.iso === el.dataset.k ? "" : el.dataset.k);
    else if (e.target.closest("button.all")) isolate("");
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") isolate("");
  });
  box.addEventListener("focusin", (e) => {
    const b = e.target.closest("button[data-s]");
    if (b) {
      const r = b.getBoundingClientRect();
      show(b.dataset.s, r.left, r.bottom);
    }
  });
  box.addEventListener("focusout", () => { tip.hidden = true; });
}
