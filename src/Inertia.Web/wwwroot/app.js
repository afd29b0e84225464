// Inertia: the small script of the web app. Pages work without it; with it, passkeys can be used (sign-in and settings),
// the reader answers its keys, and an OPML import shows its progress in place.
(() => {
  "use strict";
  const token = () => document.querySelector('meta[name="request-verification-token"]')?.content ?? "";

  async function postJson(url, body) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": token() },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!response.ok) {
      throw new Error((await response.text()) || response.statusText);
    }
    return response.json();
  }

  function report(form, message) {
    const out = form.querySelector("[data-passkey-message]");
    if (out) {
      out.textContent = message;
      out.hidden = false;
    }
  }

  // sign in with a passkey: ask for options, let the browser use a credential, send the assertion back
  document.querySelectorAll("form[data-passkey-signin]").forEach(form => {
    form.hidden = !window.PublicKeyCredential;
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        const options = await postJson(form.dataset.options);
        const credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
        const result = await postJson(form.action, credential.toJSON());
        location.assign(result.redirect || "/reader");
      } catch (error) {
        report(form, form.dataset.failed || String(error));
      }
    });
  });

  // register a passkey: creation options, a new credential, its attestation back
  document.querySelectorAll("form[data-passkey-register]").forEach(form => {
    form.hidden = !window.PublicKeyCredential;
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        const options = await postJson(form.dataset.options);
        const credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
        const name = new FormData(form).get("name") || "";
        await postJson(form.action + "?name=" + encodeURIComponent(name), credential.toJSON());
        location.reload();
      } catch (error) {
        report(form, form.dataset.failed || String(error));
      }
    });
  });

  // the reader's keyboard (the "?" dialog lists it): j/k (n/p) move through a list or to the next/previous entry, o or
  // Enter opens, v opens the original, s stars, m keeps unread, A marks all read, / searches, g u / g a / g s change
  // list, u goes back to the list
  const entryLinks = () => [...document.querySelectorAll(".entries .entry-line")];
  let selected = -1;
  let afterG = false;
  function select(index) {
    const links = entryLinks();
    if (links.length === 0) return;
    selected = Math.max(0, Math.min(index, links.length - 1));
    links.forEach((link, i) => link.classList.toggle("is-selected", i === selected));
    links[selected].focus({ preventScroll: true });
    links[selected].scrollIntoView({ block: "nearest" });
  }
  function submit(selector) {
    const form = document.querySelector(selector);
    if (form) form.requestSubmit();
    return form !== null;
  }
  function follow(selector) {
    const link = document.querySelector(selector);
    if (link) location.assign(link.href);
    return link !== null;
  }
  function openOriginal(url) {
    if (url) window.open(url, "_blank", "noopener,noreferrer");
    return Boolean(url);
  }
  document.addEventListener("keydown", event => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const field = event.target.closest?.("input, textarea, select, [contenteditable]");
    if (field) {
      if (event.key === "Escape") field.blur();
      return;
    }
    if (!document.querySelector("[data-reader]")) return;
    if (document.querySelector("dialog[open]")) return;
    const key = event.key;
    if (afterG) {
      afterG = false;
      const place = { u: "/reader", a: "/reader?show=all", s: "/reader?show=starred" }[key];
      if (place) {
        event.preventDefault();
        location.assign(place);
      }
      return;
    }
    const links = entryLinks();
    const current = links[selected];
    let handled = true;
    switch (key) {
      // in a list, move the selection; on an entry, go to the list's next or previous entry
      case "j": case "n":
        if (links.length > 0) select(selected + 1); else handled = follow("[data-next]");
        break;
      case "k": case "p":
        if (links.length > 0) select(selected < 0 ? 0 : selected - 1); else handled = follow("[data-previous]");
        break;
      case "o": case "Enter":
        if (current) location.assign(current.href); else handled = false;
        break;
      case "v":
        handled = openOriginal(current ? current.dataset.original : document.querySelector("[data-original]")?.href);
        break;
      case "s": handled = submit("form[data-star]"); break;
      case "m": handled = submit("form[data-unread]"); break;
      case "A": handled = submit("form[data-mark-all]"); break;
      case "/": {
        const search = document.querySelector("[data-search]");
        if (search) search.focus(); else handled = false;
        break;
      }
      case "g": afterG = true; setTimeout(() => { afterG = false; }, 1500); break;
      case "u": handled = follow("[data-back]"); break;
      case "r": location.reload(); break;
      case "?": document.getElementById("keys")?.showModal(); break;
      default: handled = false;
    }
    if (handled) event.preventDefault();
  });

  // an OPML import's page: its progress polled until the job ends, then the page again, for the full report
  const job = document.querySelector("[data-import]");
  if (job) {
    const show = (selector, text) => { const el = job.querySelector(selector); if (el) el.textContent = text; };
    const poll = async () => {
      try {
        const response = await fetch(job.dataset.import, { credentials: "same-origin", headers: { Accept: "application/json" } });
        if (response.ok) {
          const p = await response.json();
          const bar = job.querySelector("[data-import-bar]");
          if (bar) { bar.max = p.total; bar.value = p.done; }
          show("[data-import-done]", `${p.done} / ${p.total}`);
          show("[data-import-imported]", p.imported);
          show("[data-import-already]", p.already);
          show("[data-import-invalid]", p.invalid);
          if (p.state !== "running") { location.reload(); return; }
        }
      } catch {
        // a poll that failed (the server restarting): the next one tries again
      }
      setTimeout(poll, 500);
    };
    setTimeout(poll, 300);
  }

  // an article's links open in a new tab, for a user who asked for it
  document.querySelectorAll(".prose[data-new-tab] a[href]").forEach((a) => { a.target = "_blank"; a.rel = "noopener noreferrer"; });

  // mark read on scroll (a user's choice): an unread line that leaves the top of the window is marked read, in batches
  const list = document.querySelector("[data-mark-seen]");
  if (list && "IntersectionObserver" in window) {
    const pending = new Set();
    let timer = 0;
    const send = () => {
      timer = 0;
      if (pending.size === 0) return;
      const ids = [...pending];
      pending.clear();
      const body = new URLSearchParams({ ids: ids.join(","), __RequestVerificationToken: token() });
      fetch(list.dataset.markSeen, { method: "POST", body, credentials: "same-origin" }).then((response) => {
        if (!response.ok) return;
        ids.forEach((id) => {
          const line = list.querySelector(`li[data-entry="${id}"]`);
          if (line) { line.classList.remove("is-unread"); line.classList.add("is-read"); }
        });
      }).catch(() => { /* left unread: the next scroll or the entry's opening marks it */ });
    };
    const seen = new IntersectionObserver((changes) => {
      for (const change of changes) {
        // gone above the top edge, not below the bottom
        if (!change.isIntersecting && change.boundingClientRect.bottom <= 0) {
          const line = change.target;
          if (line.classList.contains("is-unread")) pending.add(line.dataset.entry);
          seen.unobserve(line);
        }
      }
      if (pending.size > 0 && !timer) timer = setTimeout(send, 600);
    });
    list.querySelectorAll("li.is-unread[data-entry]").forEach((line) => seen.observe(line));
    addEventListener("pagehide", send);
  }
})();
