// Gouvernail page, the admin view: reindex with its summary, API keys listed, created (shown once), revoked.
"use strict";
(function () {
  const G = window.Gouvernail;
  const { $, el, button } = G;
  const SUMMARY = [
    ["added", "Ajoutés"], ["updated", "Modifiés"], ["removed", "Supprimés"], ["unchanged", "Inchangés"],
    ["skipped", "Ignorés"], ["chunks_total", "Passages indexés"], ["seconds", "Durée (s)"],
  ];

  async function reindex() {
    const b = $("reindex");
    b.disabled = true;
    $("reindex-status").textContent = "Réindexation en cours…";
    try {
      const report = await G.call("POST", "/v1/admin/reindex");
      const dl = $("reindex-summary");
      dl.replaceChildren();
      for (const [k, label] of SUMMARY) dl.append(el("dt", label), el("dd", report[k], `reindex-${k}`));
      dl.hidden = false;
      $("reindex-status").textContent = "Réindexation terminée.";
    } catch (err) {
      $("reindex-status").textContent = G.message(err);
    } finally {
      b.disabled = false;
    }
  }

  async function keys() {
    try {
      const list = await G.call("GET", "/v1/admin/keys");
      $("keys-table").tBodies[0].replaceChildren(...list.map(row));
    } catch (err) {
      $("keys-status").textContent = G.message(err);
    }
  }

  function row(key) {
    const tr = el("tr");
    tr.dataset.keyId = key.id;
    const name = el("td", key.name || key.id);
    const state = el("td", key.revoked_at ? `Révoquée le ${G.when(key.revoked_at)}` : "Active");
    const action = el("td");
    if (!key.revoked_at) {
      const revoke = button("Révoquer", "secondary revoke");
      revoke.setAttribute("aria-label", `Révoquer la clé ${key.name || key.id}`);
      revoke.addEventListener("click", async () => {
        if (revoke.dataset.confirm !== "1") {
          revoke.dataset.confirm = "1";
          revoke.textContent = "Confirmer la révocation";
          return;
        }
        try {
          await G.call("DELETE", `/v1/admin/keys/${encodeURIComponent(key.id)}`);
          $("keys-status").textContent = `Clé « ${key.name || key.id} » révoquée.`;
          await keys();
        } catch (err) {
          $("keys-status").textContent = G.message(err);
          revoke.dataset.confirm = "";
          revoke.textContent = "Révoquer";
        }
      });
      action.append(revoke);
    }
    tr.append(name, el("td", key.role), el("td", G.when(key.created_at)), state, action);
    const headings = [...$("keys-table").tHead.rows[0].cells].map((th) => th.textContent);
    [...tr.cells].forEach((td, i) => { td.dataset.label = headings[i]; }); // shown on narrow screens
    return tr;
  }

  async function create(event) {
    event.preventDefault();
    try {
      const created = await G.call("POST", "/v1/admin/keys", { name: $("new-key-name").value.trim(), role: $("new-key-role").value });
      $("new-key-value").value = created.key;
      $("new-key").hidden = false;
      $("new-key-name").value = "";
      $("keys-status").textContent = `Clé « ${created.name} » créée (rôle ${created.role}).`;
      await keys();
      $("new-key-value").focus();
      $("new-key-value").select();
    } catch (err) {
      $("keys-status").textContent = G.message(err);
    }
  }

  function open() {
    $("new-key").hidden = true; // a created key is shown once
    $("new-key-value").value = "";
    keys();
  }

  function init() {
    $("reindex").addEventListener("click", reindex);
    $("key-create").addEventListener("submit", create);
    $("new-key-copy").addEventListener("click", async () => {
      const done = await G.copy($("new-key-value").value);
      $("keys-status").textContent = done ? "Clé copiée." : "Copie impossible : sélectionnez la clé.";
    });
  }

  G.admin = { init, open };
})();
