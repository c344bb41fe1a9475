// Gouvernail page, shared helpers: the key (sessionStorage, this tab only), API calls, French errors.
"use strict";
(function () {
  const KEY_STORAGE = "gouvernail.apiKey";
  const $ = (id) => document.getElementById(id);

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  function apiKey() {
    return sessionStorage.getItem(KEY_STORAGE) || "";
  }

  function setKey(key) {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  }

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
    } else if (status === 409) text = "Action refusée (409).";
    else if (status === 413) text = "Requête trop volumineuse (413).";
    else if (status === 422) text = "Requête refusée (422).";
    else if (status === 404) text = "Introuvable (404).";
    else if (status === 503) text = "Service pas encore prêt ou saturé (503).";
    else if (status >= 500) text = `Erreur du serveur (${status}).`;
    else text = `Erreur ${status}.`;
    return reason ? `${text} Motif : ${reason}` : text;
  }

  // fetch with the key; throws ApiError with a French message on any failure. Returns the Response.
  async function request(method, path, body, signal) {
    const key = apiKey();
    if (!key) throw new ApiError("Saisissez d'abord votre clé d'API.", 0);
    const headers = { Authorization: `Bearer ${key}` };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(path, {
        method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if (err && err.name === "AbortError") throw err;
      throw new ApiError("Le serveur ne répond pas (réseau).", 0);
    }
    if (!response.ok) throw new ApiError(await describe(response), response.status);
    return response;
  }

  async function call(method, path, body) {
    const response = await request(method, path, body);
    return response.status === 204 ? null : response.json();
  }

  function message(err) {
    return err instanceof ApiError ? err.message : "Erreur inattendue.";
  }

  // An element with text only (never HTML).
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function button(text, className) {
    const node = el("button", text, className);
    node.type = "button";
    return node;
  }

  const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "short" });
  function when(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : dateTime.format(date);
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      return false;
    }
  }

  const OUTCOMES = {
    answered: "Répondu", abstained: "Abstention", blocked: "Refusé", fallback: "Repli", aborted: "Interrompu",
  };

  window.Gouvernail = {
    $, ApiError, apiKey, setKey, request, call, message, el, button, when, copy, OUTCOMES,
  };
})();
