// Gouvernail page, the conversation: answers streamed from /v1/chat/completions, [n] chips, sources panel.
"use strict";
(function () {
  const G = window.Gouvernail;
  const { $, el, button } = G;
  const THREAD_STORAGE = "gouvernail.thread";
  const MAX_TURNS = 3; // earlier exchanges sent with a question (masked), so that follow-ups work
  const SOURCES_HEADER = "\n\nSources :\n";
  let thread = []; // [{question, answer, citations, answerId, state}] — masked, kept for this tab
  let controller = null; // AbortController of the answer being streamed

  function save() {
    sessionStorage.setItem(THREAD_STORAGE, JSON.stringify(thread));
  }

  function load() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(THREAD_STORAGE) || "[]");
      thread = Array.isArray(stored) ? stored : [];
    } catch (_) {
      thread = [];
    }
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function showError(text) {
    $("error").textContent = text;
    $("error").hidden = !text;
  }

  function sourceLabel(c) {
    const parts = [];
    if (c.fiche !== null && c.fiche !== undefined) parts.push(`Fiche ${c.fiche}`);
    if (c.title) parts.push(c.title);
    const path = (c.heading_path || "").split(" > ");
    if (c.title && path.length > 1 && path[0].includes(c.title)) path.shift();
    if (path.join("")) parts.push(path.join(" › "));
    return parts.join(" — ") || c.source;
  }

  // ---- popover (hover or focus on a chip) and side panel (click) ----
  function showPopover(chip, citation) {
    const pop = $("popover");
    const section = (citation.heading_path || "").split(" > ").slice(-1)[0];
    pop.replaceChildren(
      el("strong", citation.fiche ? `Fiche ${citation.fiche}` : citation.title || citation.source),
      el("span", section, "pop-section"),
      el("q", citation.quote),
    );
    pop.hidden = false;
    const box = chip.getBoundingClientRect();
    const width = Math.min(352, document.documentElement.clientWidth - 16);
    pop.style.width = `${width}px`;
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    pop.style.left = `${left + window.scrollX}px`;
    pop.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hidePopover() {
    $("popover").hidden = true;
  }

  let returnFocus = null;
  async function openSource(citation, opener) {
    hidePopover();
    showError("");
    const panel = $("source-panel");
    try {
      const query = `?start=${encodeURIComponent(citation.start)}&end=${encodeURIComponent(citation.end)}`;
      const passage = await G.call("GET", `/v1/passages/${encodeURIComponent(citation.chunk_id)}${query}`);
      $("source-title").textContent = `Source [${citation.n}]`;
      const where = [sourceLabel(passage), passage.source];
      if (passage.page !== null && passage.page !== undefined) where.push(`page ${passage.page}`);
      $("source-meta").textContent = where.join(" · ");
      // The only HTML the page inserts: rendered by markdown-it-py and sanitised by nh3 on the server.
      $("source-body").innerHTML = passage.html;
      returnFocus = opener;
      panel.hidden = false;
      document.body.classList.add("with-side");
      panel.focus();
      const mark = $("source-body").querySelector("mark");
      if (mark) mark.scrollIntoView({ block: "center" });
    } catch (err) {
      showError(G.message(err));
    }
  }

  function closeSource() {
    $("source-panel").hidden = true;
    document.body.classList.remove("with-side");
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  }

  // ---- one exchange ----
  function chip(citation) {
    const b = button(`[${citation.n}]`, "chip");
    b.setAttribute("aria-label", `Source ${citation.n} : ${sourceLabel(citation)}`);
    b.setAttribute("aria-describedby", "popover");
    b.addEventListener("mouseenter", () => showPopover(b, citation));
    b.addEventListener("focus", () => showPopover(b, citation));
    b.addEventListener("mouseleave", hidePopover);
    b.addEventListener("blur", hidePopover);
    b.addEventListener("click", () => openSource(citation, b));
    return b;
  }

  // The answer text as text nodes, each [n] with a citation a chip.
  function fillAnswer(box, text, citations) {
    box.replaceChildren();
    const byN = new Map((citations || []).map((c) => [c.n, c]));
    const re = /\[(\d+)\]/g;
    let last = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      const citation = byN.get(Number(m[1]));
      if (!citation) continue;
      box.append(document.createTextNode(text.slice(last, m.index)), chip(citation));
      last = m.index + m[0].length;
    }
    box.append(document.createTextNode(text.slice(last)));
  }

  const STATE_TEXT = {
    blocked: "Question refusée par les garde-fous.",
    abstained: "Pas de réponse fiable : l'information n'a pas été trouvée dans le corpus.",
    aborted: "Réponse interrompue.",
  };

  function renderExchange(item, node) {
    const li = node || el("li", null, "exchange");
    li.replaceChildren();
    li.dataset.state = item.state;
    const q = el("p", null, "question");
    const masked = item.state !== "streaming" && item.state !== "aborted"; // else: as typed, never stored
    q.append(el("span", masked ? "Question envoyée (après masquage) : " : "Votre question : ", "hint"), el("q", item.question));
    const answer = el("div", null, "answer");
    answer.setAttribute("aria-live", "polite");
    answer.setAttribute("aria-busy", item.state === "streaming" ? "true" : "false");
    fillAnswer(answer, item.answer, item.state === "streaming" ? [] : item.citations);
    li.append(q);
    if (STATE_TEXT[item.state]) li.append(el("p", STATE_TEXT[item.state], `state ${item.state}`));
    li.append(answer);
    if (item.citations && item.citations.length && item.state !== "streaming") {
      const list = el("ol", null, "sources");
      list.setAttribute("aria-label", "Sources");
      for (const c of item.citations) {
        const entry = el("li");
        entry.value = c.n;
        const open = button(sourceLabel(c), "source");
        open.addEventListener("click", () => openSource(c, open));
        entry.append(open);
        list.append(entry);
      }
      li.append(list);
    }
    if (item.answerId && item.state !== "streaming") li.append(feedbackBox(item));
    return li;
  }

  function feedbackBox(item) {
    const box = el("div", null, "feedback");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Votre avis sur cette réponse");
    const status = el("span", item.rated ? "Merci, votre avis a été enregistré." : "", "rated");
    status.setAttribute("role", "status");
    box.append(el("span", "Cette réponse vous a-t-elle aidé ?"));
    const comment = el("input", null, "comment");
    comment.maxLength = 4000;
    comment.placeholder = "Commentaire (facultatif, masqué)";
    comment.setAttribute("aria-label", "Commentaire sur cette réponse (facultatif, données personnelles masquées)");
    comment.hidden = Boolean(item.rated);
    box.append(comment);
    for (const [rating, label] of [["up", "Utile"], ["down", "Pas utile"]]) {
      const b = button(label, "rate");
      b.dataset.rating = rating;
      b.disabled = Boolean(item.rated);
      b.addEventListener("click", async () => {
        for (const other of box.querySelectorAll("button")) other.disabled = true;
        try {
          await G.call("POST", "/v1/feedback", { answer_id: item.answerId, rating, comment: comment.value.trim() });
          item.rated = rating;
          comment.hidden = true;
          save();
          status.textContent = "Merci, votre avis a été enregistré.";
        } catch (err) {
          for (const other of box.querySelectorAll("button")) other.disabled = false;
          showError(G.message(err));
        }
      });
      box.append(b);
    }
    box.append(status);
    return box;
  }

  function renderThread() {
    $("thread").replaceChildren(...thread.map((item) => renderExchange(item)));
    $("starters").hidden = thread.length > 0;
  }

  // ---- streaming ----
  function messages(question) {
    const earlier = thread.filter((t) => t.state === "answered").slice(-MAX_TURNS);
    const list = [];
    for (const t of earlier) list.push({ role: "user", content: t.question }, { role: "assistant", content: t.answer });
    list.push({ role: "user", content: question });
    return list;
  }

  // Server-sent events of one answer: calls onDelta(text) per content piece, returns the final chunk.
  async function readEvents(response, onDelta) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    let final = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = event.split("\n").filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
        if (!data || data === "[DONE]") continue;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new G.ApiError("Erreur du serveur pendant la réponse.", 500);
        const choice = chunk.choices && chunk.choices[0];
        if (choice && choice.delta && choice.delta.content) onDelta(choice.delta.content);
        if (choice && choice.finish_reason) final = chunk;
      }
    }
    return final;
  }

  function busy(on) {
    $("send").disabled = on;
    $("stop").hidden = !on;
    $("new-conversation").disabled = on;
  }

  async function ask(question) {
    if (controller || !question) return;
    showError("");
    const item = { question, answer: "", citations: [], answerId: null, state: "streaming" };
    const node = renderExchange(item);
    $("thread").append(node);
    $("starters").hidden = true;
    const answerBox = node.querySelector(".answer");
    controller = new AbortController();
    busy(true);
    setStatus("Réponse en cours…");
    $("question").value = "";
    try {
      const response = await G.request(
        "POST", "/v1/chat/completions", { messages: messages(question), stream: true }, controller.signal,
      );
      let text = "";
      const final = await readEvents(response, (piece) => {
        text += piece;
        answerBox.textContent = text.split(SOURCES_HEADER)[0];
      });
      if (!final) throw new G.ApiError("Réponse incomplète.", 0);
      item.answer = text.split(SOURCES_HEADER)[0].trim();
      item.citations = final.citations || [];
      item.answerId = final.answer_id;
      item.question = final.question_masked;
      item.state = final.blocked ? "blocked" : final.abstained ? "abstained" : "answered";
      thread.push(item);
      save();
      setStatus("Réponse reçue.");
    } catch (err) {
      if (err && err.name === "AbortError") {
        item.state = "aborted";
        item.answer = answerBox.textContent;
        setStatus("Réponse interrompue.");
      } else {
        node.remove();
        $("question").value = question;
        setStatus("");
        showError(G.message(err));
        if (!thread.length) $("starters").hidden = false;
        return;
      }
    } finally {
      controller = null;
      busy(false);
    }
    renderExchange(item, node);
  }

  function submit(event) {
    event.preventDefault();
    ask($("question").value.trim());
  }

  function newConversation() {
    thread = [];
    save();
    renderThread();
    closeSource();
    setStatus("Nouvelle conversation.");
    $("question").focus();
  }

  function init() {
    load();
    renderThread();
    $("ask-form").addEventListener("submit", submit);
    $("stop").addEventListener("click", () => controller && controller.abort());
    $("new-conversation").addEventListener("click", newConversation);
    $("source-close").addEventListener("click", closeSource);
    $("source-panel").addEventListener("keydown", (e) => {
      if (e.key === "Escape") closeSource();
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape") hidePopover();
    });
    $("question").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        $("ask-form").requestSubmit();
      }
    });
    for (const b of document.querySelectorAll("button.starter")) {
      b.addEventListener("click", () => ask(b.textContent));
    }
  }

  G.chat = { init, useQuestion: (text) => { $("question").value = text; } };
})();
