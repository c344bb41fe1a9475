// Gouvernail page, the frame: the key, who it is (/v1/me), and the tabs its role allows.
"use strict";
(function () {
  const G = window.Gouvernail;
  const { $ } = G;
  const ROLES = ["staff", "dpo", "admin"];
  const OPEN = {
    prompts: () => G.prompts.open(),
    journal: () => G.dpo.journal(),
    feedback: () => G.dpo.feedback(),
    report: () => G.dpo.report(),
    admin: () => G.admin.open(),
  };
  let role = null;

  function tabs() {
    return [...document.querySelectorAll('[role="tab"]')].filter((t) => !t.hidden);
  }

  function select(name, focus) {
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      const on = tab.id === `tab-${name}`;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focus) tab.focus();
    }
    if (OPEN[name]) OPEN[name]();
  }

  function allowed(needed) {
    return role !== null && ROLES.indexOf(role) >= ROLES.indexOf(needed);
  }

  async function identify() {
    role = null;
    let text = "Aucune clé enregistrée.";
    if (G.apiKey()) {
      try {
        const me = await G.call("GET", "/v1/me");
        role = me.role;
        text = `Connecté : ${me.name || me.id} (rôle ${me.role}).`;
      } catch (err) {
        text = G.message(err);
      }
    }
    $("key-status").textContent = text;
    for (const tab of document.querySelectorAll("[data-role]")) tab.hidden = !allowed(tab.dataset.role);
    G.prompts.reset();
    const selected = document.querySelector('[role="tab"][aria-selected="true"]');
    if (!selected || selected.hidden) select("chat");
  }

  function keydown(event) {
    const list = tabs();
    const i = list.indexOf(event.target);
    if (i < 0) return;
    let next = null;
    if (event.key === "ArrowRight") next = list[(i + 1) % list.length];
    else if (event.key === "ArrowLeft") next = list[(i - 1 + list.length) % list.length];
    else if (event.key === "Home") next = list[0];
    else if (event.key === "End") next = list[list.length - 1];
    if (!next) return;
    event.preventDefault();
    select(next.id.slice(4), true);
  }

  document.addEventListener("DOMContentLoaded", () => {
    G.chat.init();
    G.prompts.init();
    G.dpo.init();
    G.admin.init();
    $("api-key").value = G.apiKey();
    $("key-form").addEventListener("submit", (e) => {
      e.preventDefault();
      G.setKey($("api-key").value.trim());
      identify();
    });
    $("key-clear").addEventListener("click", () => {
      G.setKey("");
      $("api-key").value = "";
      identify();
    });
    for (const tab of document.querySelectorAll('[role="tab"]')) {
      tab.addEventListener("click", () => select(tab.id.slice(4)));
    }
    $("tablist").addEventListener("keydown", keydown);
    identify();
  });

  G.app = { select };
})();
