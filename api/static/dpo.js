// Gouvernail page, the DPO views: the audit journal (filters, pages, per-day chart), feedback, the report.
"use strict";
(function () {
  const G = window.Gouvernail;
  const { $, el } = G;
  const PAGE = 20;
  const SVG = "http://www.w3.org/2000/svg";
  const SERIES = ["answered", "abstained", "blocked", "fallback", "aborted"];
  let journalOffset = 0;
  let feedbackOffset = 0;

  function range() {
    // Dates are UTC days: "Au" is inclusive, so the query ends the next midnight.
    const since = $("journal-since").value;
    const until = $("journal-until").value;
    const params = new URLSearchParams();
    if (since) params.set("since", `${since}T00:00:00Z`);
    if (until) {
      const next = new Date(`${until}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      params.set("until", next.toISOString());
    }
    return params;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    return node;
  }

  // Stacked bars per day; the figures are also read out as one sentence.
  function drawChart(days) {
    const box = $("journal-chart");
    box.replaceChildren();
    if (!days.length) {
      box.append(el("p", "Aucun échange sur la période.", "hint"));
      return;
    }
    const max = Math.max(...days.map((d) => SERIES.reduce((s, k) => s + d[k], 0)));
    const barW = 28;
    const gap = 10;
    const height = 140;
    const width = Math.max(240, days.length * (barW + gap) + 40);
    const chart = svg("svg", {
      viewBox: `0 0 ${width} ${height + 40}`, width, height: height + 40, role: "img", class: "bars",
    });
    const summary = days.map((d) => `${d.day} : ` + SERIES.map((k) => `${G.OUTCOMES[k].toLowerCase()} ${d[k]}`).join(", "));
    chart.setAttribute("aria-label", `Échanges par jour. ${summary.join(". ")}.`);
    chart.append(svg("line", { x1: 30, x2: width, y1: height, y2: height, class: "axis" }));
    const maxLabel = svg("text", { x: 0, y: 12, class: "tick" });
    maxLabel.textContent = String(max);
    chart.append(maxLabel);
    days.forEach((d, i) => {
      const x = 36 + i * (barW + gap);
      let y = height;
      for (const k of SERIES) {
        if (!d[k]) continue;
        const h = (d[k] / max) * (height - 10);
        y -= h;
        const rect = svg("rect", { x, y, width: barW, height: h, class: `bar ${k}` });
        const title = svg("title");
        title.textContent = `${d.day} — ${G.OUTCOMES[k]} : ${d[k]}`;
        rect.append(title);
        chart.append(rect);
      }
      const label = svg("text", { x: x + barW / 2, y: height + 16, class: "tick", "text-anchor": "middle" });
      label.textContent = `${d.day.slice(8)}/${d.day.slice(5, 7)}`;
      chart.append(label);
    });
    const legend = el("ul", null, "legend");
    for (const k of SERIES) {
      const item = el("li");
      item.append(el("span", "", `swatch ${k}`), document.createTextNode(G.OUTCOMES[k]));
      legend.append(item);
    }
    box.append(chart, legend);
  }

  function record(item) {
    const li = el("li", null, "record");
    const head = el("p", null, "record-head");
    head.append(el("span", G.OUTCOMES[item.outcome] || item.outcome, `badge ${item.outcome}`),
      el("span", ` ${G.when(item.time)} · ${item.route} · ${item.mode} · ${Math.round(item.latency_ms)} ms`, "hint"));
    const q = el("p", null, "question");
    q.append(el("span", "Question (masquée) : ", "hint"), el("q", item.question_masked));
    const details = el("details");
    details.append(el("summary", "Réponse, citations et retours"));
    details.append(el("p", item.answer, "answer"));
    if (item.citations.length) {
      const list = el("ol", null, "sources");
      for (const c of item.citations) {
        const entry = el("li", `${c.source} — ${c.heading_path}`);
        entry.value = c.n;
        list.append(entry);
      }
      details.append(list);
    } else details.append(el("p", "Aucune citation.", "hint"));
    if (item.feedback.length) {
      for (const f of item.feedback) details.append(el("p", `Retour : ${rating(f.rating)}${f.comment_masked ? ` — ${f.comment_masked}` : ""}`));
    } else details.append(el("p", "Aucun retour.", "hint"));
    li.append(head, q, details);
    return li;
  }

  function rating(value) {
    return value === "up" ? "utile" : value === "down" ? "pas utile" : `${value}/5`;
  }

  function pager(prefix, offset, total) {
    $(`${prefix}-prev`).disabled = offset === 0;
    $(`${prefix}-next`).disabled = offset + PAGE >= total;
  }

  async function journal() {
    const params = range();
    const outcome = $("journal-outcome").value;
    const page = new URLSearchParams(params);
    if (outcome) page.set("outcome", outcome);
    page.set("limit", String(PAGE));
    page.set("offset", String(journalOffset));
    try {
      const [found, days] = await Promise.all([
        G.call("GET", `/v1/audit?${page}`), G.call("GET", `/v1/audit/daily?${params}`),
      ]);
      drawChart(days);
      $("journal-list").replaceChildren(...found.items.map(record));
      const first = found.total ? journalOffset + 1 : 0;
      $("journal-count").textContent = `${found.total} échange(s) — ${first} à ${journalOffset + found.items.length} affichés.`;
      pager("journal", journalOffset, found.total);
    } catch (err) {
      $("journal-count").textContent = G.message(err);
    }
  }

  async function feedback() {
    try {
      const found = await G.call("GET", `/v1/feedback?limit=${PAGE}&offset=${feedbackOffset}`);
      $("feedback-list").replaceChildren(...found.items.map((f) => {
        const li = el("li", null, "record");
        const head = el("p", null, "record-head");
        head.append(el("span", rating(f.rating), `badge ${f.rating === "down" ? "blocked" : "answered"}`),
          el("span", ` ${G.when(f.time)}`, "hint"));
        const q = el("p", null, "question");
        q.append(el("span", "Question (masquée) : ", "hint"), el("q", f.question_masked));
        li.append(head, q, el("p", f.comment_masked ? `Commentaire (masqué) : ${f.comment_masked}` : "Sans commentaire.", f.comment_masked ? "" : "hint"));
        return li;
      }));
      $("feedback-count").textContent = `${found.total} retour(s).`;
      pager("feedback", feedbackOffset, found.total);
    } catch (err) {
      $("feedback-count").textContent = G.message(err);
    }
  }

  // The report is framed from a one-time link: an iframe cannot send the key, and the page's own
  // policy (script-src/style-src 'self') would forbid the report's inline style in a srcdoc frame.
  async function report() {
    const frame = $("report-frame");
    try {
      const link = await G.call("POST", "/v1/reports/latest/link");
      frame.src = link.url;
      frame.hidden = false;
      $("report-status").textContent = "Dernier rapport affiché.";
    } catch (err) {
      frame.hidden = true;
      $("report-status").textContent = G.message(err);
    }
  }

  async function download() {
    try {
      const response = await G.request("GET", "/v1/reports/latest?format=md");
      const url = URL.createObjectURL(await response.blob());
      const a = el("a");
      a.href = url;
      a.download = "rapport-gouvernail.md";
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      $("report-status").textContent = "Rapport téléchargé.";
    } catch (err) {
      $("report-status").textContent = G.message(err);
    }
  }

  function init() {
    $("journal-filters").addEventListener("submit", (e) => {
      e.preventDefault();
      journalOffset = 0;
      journal();
    });
    $("journal-prev").addEventListener("click", () => { journalOffset = Math.max(0, journalOffset - PAGE); journal(); });
    $("journal-next").addEventListener("click", () => { journalOffset += PAGE; journal(); });
    $("feedback-prev").addEventListener("click", () => { feedbackOffset = Math.max(0, feedbackOffset - PAGE); feedback(); });
    $("feedback-next").addEventListener("click", () => { feedbackOffset += PAGE; feedback(); });
    $("report-reload").addEventListener("click", report);
    $("report-download").addEventListener("click", download);
  }

  G.dpo = { init, journal, feedback, report };
})();
