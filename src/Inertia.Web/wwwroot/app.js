// Inertia: the small script of the web app. Pages work without it; with it, passkeys can be used (sign-in and settings).
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
})();
