// Gouvernail page, the prompt library: search (text, catégorie, métier, tag), read, copy, use.
"use strict";
(function () {
  const G = window.Gouvernail;
  const { $, el, button } = G;
  let all = []; // every entry, for the filter lists
  let current = null;

  function fillSelect(select, values) {
    const keep = select.value;
    const first = select.options[0];
    select.replaceChildren(first);
    for (const v of [...new Set(values)].sort((a, b) => a.localeCompare(b, "fr"))) {
      const option = el("option", v);
      option.value = v;
      select.append(option);
    }
    select.value = keep;
  }

  // The formulation with every [PLACEHOLDER] in a <mark>, as text nodes.
  function withPlaceholders(node, text) {
    node.replaceChildren();
    const re = /\[[^\]\n]{2,60}\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      node.append(document.createTextNode(text.slice(last, m.index)), el("mark", m[0], "placeholder"));
      last = m.index + m[0].length;
    }
    node.append(document.createTextNode(text.slice(last)));
  }

  // "- a\n- b" as a list, anything else as a paragraph (text only).
  function prose(node, text) {
    const lines = (text || "").split("\n").map((l) => l.trim()).filter(Boolean);
    if (lines.length && lines.every((l) => /^[-*]\s/.test(l))) {
      const list = el("ul");
      for (const l of lines) list.append(el("li", l.replace(/^[-*]\s+/, "")));
      node.replaceChildren(list);
    } else node.replaceChildren(el("p", lines.join(" ")));
  }

  // The formulation without its code fence, lines wrapped in the source file joined back.
  function formulation(entry) {
    const text = (entry.sections["Formulation"] || "").replace(/^```\w*\n?/, "").replace(/\n?```\s*$/, "");
    return text.trim().replace(/([^\n])\n(?!\n)/g, "$1 ");
  }

  function show(entry, opener) {
    current = entry;
    $("prompt-entry").hidden = false;
    $("prompt-title").textContent = `${entry.id} — ${entry.titre}`;
    $("prompt-meta").textContent = `Catégorie : ${entry.categorie} · Métier : ${entry.metier} · Tags : ${entry.tags.join(", ")}`;
    $("prompt-objectif").textContent = entry.sections["Objectif"] || "";
    withPlaceholders($("prompt-formulation"), formulation(entry));
    prose($("prompt-cases"), entry.sections["Cas d'usage"]);
    prose($("prompt-cautions"), entry.sections["Précautions"]);
    $("prompt-status").textContent = "";
    for (const b of $("prompt-list").querySelectorAll("button")) b.setAttribute("aria-current", String(b === opener));
    $("prompt-entry").focus();
  }

  async function search(event) {
    if (event) event.preventDefault();
    const params = new URLSearchParams();
    const q = $("prompt-q").value.trim();
    if (q) params.set("q", q);
    if ($("prompt-category").value) params.set("category", $("prompt-category").value);
    if ($("prompt-tag").value) params.set("tag", $("prompt-tag").value);
    try {
      const found = await G.call("GET", `/v1/prompts?${params}`);
      const metier = $("prompt-metier").value;
      const items = found.items.filter((e) => !metier || e.metier === metier);
      const list = $("prompt-list");
      list.replaceChildren();
      for (const entry of items) {
        const b = button(`${entry.id} — ${entry.titre}`, "prompt-item");
        b.addEventListener("click", () => show(entry, b));
        const li = el("li");
        li.append(b, el("span", `${entry.categorie} · ${entry.tags.join(", ")}`, "hint"));
        list.append(li);
      }
      $("prompt-count").textContent = `${items.length} prompt(s) trouvé(s).`;
    } catch (err) {
      $("prompt-count").textContent = G.message(err);
    }
  }

  async function open() {
    if (!all.length) {
      try {
        all = (await G.call("GET", "/v1/prompts")).items;
      } catch (err) {
        $("prompt-count").textContent = G.message(err);
        return;
      }
      fillSelect($("prompt-category"), all.map((e) => e.categorie));
      fillSelect($("prompt-metier"), all.map((e) => e.metier));
      fillSelect($("prompt-tag"), all.flatMap((e) => e.tags));
    }
    await search();
  }

  function init() {
    $("prompt-search").addEventListener("submit", search);
    for (const id of ["prompt-category", "prompt-metier", "prompt-tag"]) $(id).addEventListener("change", () => search());
    $("prompt-copy").addEventListener("click", async () => {
      if (!current) return;
      const done = await G.copy(formulation(current));
      $("prompt-status").textContent = done ? "Formulation copiée." : "Copie impossible : sélectionnez le texte.";
    });
    $("prompt-use").addEventListener("click", () => {
      if (!current) return;
      G.chat.useQuestion(formulation(current));
      G.app.select("chat");
      $("question").focus();
    });
  }

  G.prompts = { init, open, reset: () => { all = []; } };
})();
