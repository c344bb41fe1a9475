// Gouvernail chat page: vanilla JS, no dependency. The API key stays in sessionStorage (this tab only).
"use strict";
(function () {
  const KEY_STORAGE = "gouvernail.apiKey";
  const $ = (id) => document.getElementById(id);
  const MAX_TURNS = 3; // previous exchanges sent with a question, so that "et qui est consulté ?" works
  let current = null; // the last AskResult
  let turns = []; // [{question, answer}] of this conversation, masked as the API returned them
  let busy = false;

  function showConversation() {
    $("conversation").hidden = turns.length === 0;
    $("conversation-count").textContent = String(turns.length);
  }

  function newConversation() {
    turns = [];
    showConversation();
    $("question").focus();
  }

  function apiKey() {
    const typed = $("api-key").value.trim();
    if (typed && typed !== sessionStorage.getItem(KEY_STORAGE)) sessionStorage.setItem(KEY_STORAGE, typed);
    return typed || sessionStorage.getItem(KEY_STORAGE) || "";
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function showError(text) {
    const box = $("error");
    box.textContent = text;
    box.hidden = !text;
  }

  class ApiError extends Error {}

  async function describe(response) {
    let reason = "";
    try {
      const body = await response.json();
      reason = body && typeof body.reason === "string" ? body.reason : "";
    } catch (_) {
      reason = "";
    }
    const status = response.status;
    let text;
    if (status === 401) text = "Accès refusé (401) : clé d'API manquante, inconnue ou révoquée.";
    else if (status === 403) text = "Accès interdit (403) : le rôle de cette clé ne permet pas cette action.";
    else if (status === 429) {
      const wait = response.headers.get("Retry-After");
      text = "Trop de requêtes (429)" + (wait ? ` : réessayez dans ${wait} s.` : " : réessayez plus tard.");
    } else if (status === 413) text = "Requête trop volumineuse (413).";
    else if (status === 422) text = "Requête refusée (422).";
    else if (status === 404) text = "Introuvable (404).";
    else if (status === 503) text = "Service pas encore prêt (503).";
    else if (status >= 500) text = `Erreur du serveur (${status}).`;
    else text = `Erreur ${status}.`;
    return reason ? `${text} Motif : ${reason}` : text;
  }

  async function call(method, path, body) {
    const key = apiKey();
    if (!key) throw new ApiError("Saisissez d'abord votre clé d'API.");
    const headers = { Authorization: `Bearer ${key}`, Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (_) {
      throw new ApiError("Le serveur ne répond pas (réseau).");
    }
    if (!response.ok) throw new ApiError(await describe(response));
    return response.status === 204 ? null : response.json();
  }

  function sourceLabel(c) {
    const parts = [];
    if (c.fiche !== null && c.fiche !== undefined) parts.push(`fiche ${c.fiche}`);
    if (c.title) parts.push(c.title);
    // The heading path starts with the document's own heading, usually the title again: keep the rest.
    const path = (c.heading_path || "").split(" > ");
    if (c.title && path.length > 1 && path[0].includes(c.title)) path.shift();
    if (path.join("")) parts.push(path.join(" › "));
    return parts.join(" — ") || c.source;
  }

  // The answer as text nodes, with each [n] that has a citation turned into a button.
  function renderAnswer(text, citations) {
    const box = $("answer");
    box.replaceChildren();
    const byN = new Map(citations.map((c) => [c.n, c]));
    const re = /\[(\d+)\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      const n = Number(m[1]);
      const citation = byN.get(n);
      if (!citation) continue;
      box.append(document.createTextNode(text.slice(last, m.index)));
      const button = document.createElement("button");
      button.type = "button";
      button.className = "cite";
      button.dataset.n = String(n);
      button.textContent = `[${n}]`;
      button.setAttribute("aria-label", `Voir la source ${n} : ${sourceLabel(citation)}`);
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => showPassage(citation, button));
      box.append(button);
      last = m.index + m[0].length;
    }
    box.append(document.createTextNode(text.slice(last)));
  }

  function renderSources(citations) {
    const list = $("sources");
    list.replaceChildren();
    for (const c of citations) {
      const item = document.createElement("li");
      item.value = c.n;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "source";
      button.textContent = sourceLabel(c);
      button.title = `${c.source} — ${c.heading_path}`;
      button.addEventListener("click", () => showPassage(c, null));
      item.append(button);
      list.append(item);
    }
    $("no-sources").hidden = citations.length > 0;
  }

  function renderResult(result) {
    current = result;
    $("result").hidden = false;
    $("passage").hidden = true;
    $("question-masked").textContent = result.question_masked;
    const state = $("state");
    const guard = result.guardrails || {};
    state.className = "state";
    if (guard.blocked) {
      state.classList.add("blocked");
      state.textContent = "Question bloquée par les garde-fous" + (guard.reason ? ` : ${guard.reason}` : ".");
      state.hidden = false;
    } else if (result.abstained) {
      state.classList.add("abstained");
      state.textContent = "Pas de réponse fiable : l'information n'a pas été trouvée dans le corpus.";
      state.hidden = false;
    } else {
      state.hidden = true;
      state.textContent = "";
    }
    renderAnswer(result.answer, result.citations || []);
    renderSources(result.citations || []);
    const feedback = $("feedback");
    feedback.hidden = !result.id;
    for (const b of feedback.querySelectorAll("button")) b.disabled = false;
    $("feedback-status").textContent = "";
  }

  async function ask(event) {
    event.preventDefault();
    if (busy) return;
    const question = $("question").value.trim();
    if (!question) return;
    showError("");
    busy = true;
    $("ask-button").disabled = true;
    $("result").hidden = true;
    $("passage").hidden = true;
    setStatus("Recherche dans le corpus…");
    try {
      const result = await call("POST", "/v1/ask", { question, history: turns.slice(-MAX_TURNS) });
      renderResult(result);
      if (!result.guardrails.blocked && !result.abstained) {
        turns.push({ question: result.question_masked, answer: result.answer });
        showConversation();
      }
      setStatus("Réponse reçue.");
    } catch (err) {
      setStatus("");
      showError(err instanceof ApiError ? err.message : "Erreur inattendue.");
    } finally {
      busy = false;
      $("ask-button").disabled = false;
    }
  }

  // The section around the cited passage, the quote (or else the passage) in a <mark>.
  async function showPassage(citation, button) {
    showError("");
    for (const b of document.querySelectorAll("button.cite")) b.setAttribute("aria-pressed", "false");
    if (button) button.setAttribute("aria-pressed", "true");
    const panel = $("passage");
    try {
      const passage = await call("GET", `/v1/passages/${encodeURIComponent(citation.chunk_id)}`);
      const text = passage.section.text;
      let start = citation.start - passage.section.start;
      let end = citation.end - passage.section.start;
      if (!(start >= 0 && end <= text.length && start < end)) {
        start = passage.highlight.start;
        end = passage.highlight.end;
      }
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      $("passage-text").replaceChildren(
        document.createTextNode(text.slice(0, start)), mark, document.createTextNode(text.slice(end)),
      );
      $("passage-title").textContent = `Passage cité [${citation.n}]`;
      const where = [sourceLabel(passage), passage.source];
      if (passage.page !== null && passage.page !== undefined) where.push(`page ${passage.page}`);
      $("passage-meta").textContent = where.join(" · ");
      panel.hidden = false;
      panel.focus({ preventScroll: true });
      mark.scrollIntoView({ block: "nearest" });
    } catch (err) {
      showError(err instanceof ApiError ? err.message : "Erreur inattendue.");
    }
  }

  async function sendFeedback(event) {
    const rating = event.currentTarget.dataset.rating;
    if (!current || !current.id) return;
    const buttons = $("feedback").querySelectorAll("button");
    for (const b of buttons) b.disabled = true;
    try {
      await call("POST", "/v1/feedback", { answer_id: current.id, rating });
      $("feedback-status").textContent = "Merci, votre avis a été enregistré.";
    } catch (err) {
      for (const b of buttons) b.disabled = false;
      showError(err instanceof ApiError ? err.message : "Erreur inattendue.");
    }
  }

  function saveKey(event) {
    event.preventDefault();
    const key = $("api-key").value.trim();
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
    $("key-status").textContent = key ? "Clé enregistrée pour cet onglet." : "Aucune clé enregistrée.";
  }

  function clearKey() {
    sessionStorage.removeItem(KEY_STORAGE);
    $("api-key").value = "";
    $("key-status").textContent = "Clé effacée.";
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("api-key").value = sessionStorage.getItem(KEY_STORAGE) || "";
    $("key-status").textContent = apiKey() ? "Clé enregistrée pour cet onglet." : "Aucune clé enregistrée.";
    $("key-form").addEventListener("submit", saveKey);
    $("key-clear").addEventListener("click", clearKey);
    $("ask-form").addEventListener("submit", ask);
    $("new-conversation").addEventListener("click", newConversation);
    $("question").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("ask-form").requestSubmit();
    });
    for (const b of $("feedback").querySelectorAll("button")) b.addEventListener("click", sendFeedback);
  });
})();
