// Offline entry for staff (docs/offline.md). On the staff entry screens: an indicator of the
// connection and of the records waiting on this device; with no connection, saving the record
// form puts the record in a queue (IndexedDB) instead; the month entry form always saves through
// the queue, as one item, so a save the network drops is kept too. The queue is sent when the
// connection returns or on "Send now", each item with its own Idempotency-Key, and the server
// decides.
// On every admin page: signing out asks before deleting the queue and the cached screens.
(() => {
  "use strict";
  const configElement = document.getElementById("offline-queue-config");
  if (!configElement || !("indexedDB" in window)) return;
  const config = JSON.parse(configElement.textContent);
  const t = config.strings;
  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, name) => values[name]);
  const onScreen = config.screens.some((screen) => location.pathname.startsWith(screen));
  const onForm = location.pathname === config.formPath;

  // IndexedDB: "records" holds the queue (each item carries its owner's account id; a month
  // from the month entry form is one item of kind "month"), "meta" the account last seen
  // signed in on this browser.
  let opening;
  function database() {
    opening ||= new Promise((resolve, reject) => {
      const request = indexedDB.open("offline-queue", 1);
      request.onupgradeneeded = () => {
        const records = request.result.createObjectStore("records", { keyPath: "key" });
        records.createIndex("owner", "owner");
        request.result.createObjectStore("meta", { keyPath: "name" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opening;
  }
  async function run(store, mode, action) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = action(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(request && request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const queued = (owner) =>
    owner == null ? Promise.resolve([]) : run("records", "readonly", (s) => s.index("owner").getAll(owner));
  const put = (record) => run("records", "readwrite", (s) => s.put(record));
  const remove = (key) => run("records", "readwrite", (s) => s.delete(key));
  const setMeta = (name, value) => run("meta", "readwrite", (s) => s.put({ name, value }));
  const getMeta = async (name) => (await run("meta", "readonly", (s) => s.get(name)))?.value ?? null;

  // Who is signed in: asked of the server when there is a connection, else the last answer.
  let session = null;
  async function whoIsSignedIn() {
    if (navigator.onLine) {
      try {
        const response = await fetch(config.syncUrl, {
          credentials: "same-origin",
          redirect: "manual",
          cache: "no-store",
          headers: { Accept: "application/json" },
        });
        session = response.ok ? await response.json() : null;
        await setMeta("owner", session ? session.user : null);
        return session ? session.user : null;
      } catch (error) {
        session = null;
      }
    }
    return getMeta("owner");
  }

  // Signing out, from any admin page: ask first when records wait, then forget this account's
  // queue and the cached screens, so the next account on this phone sees neither.
  document.addEventListener(
    "submit",
    async (event) => {
      const form = event.target;
      if (form.dataset.offlineSignOut || !new URL(form.action, location.href).pathname.endsWith("/logout/")) return;
      event.preventDefault();
      event.stopPropagation();
      // Ask the server who is signing out: the account remembered here may be an earlier one
      // whose session ended, and its queue is not this account's to delete.
      const owner = await whoIsSignedIn();
      const waiting = await queued(owner);
      if (waiting.length && !window.confirm(fill(t.confirmSignOut, { count: waiting.length }))) return;
      await Promise.all(waiting.map((record) => remove(record.key)));
      await setMeta("owner", null);
      if ("caches" in window) await caches.delete("staff-screens-v1");
      form.dataset.offlineSignOut = "1";
      form.requestSubmit ? form.requestSubmit() : form.submit();
    },
    true,
  );

  // A save sent with a connection keeps a draft (localStorage) until an answer arrives: any
  // other admin page loading means the form's POST was answered.
  const DRAFT = "offline-queue-draft";
  if (location.pathname !== config.formPath) localStorage.removeItem(DRAFT);

  if (!onScreen) return;

  if ("serviceWorker" in navigator) {
    for (const scope of config.screens) {
      navigator.serviceWorker.register(config.workerUrl, { scope }).catch(() => undefined);
    }
    navigator.serviceWorker.ready.then((registration) => {
      const urls = performance
        .getEntriesByType("resource")
        .map((entry) => entry.name)
        .filter(
          (url) =>
            url.startsWith(location.origin) &&
            ![config.syncUrl, config.monthSyncUrl].some((sync) => url.startsWith(location.origin + sync)),
        );
      registration.active?.postMessage({ type: "keep", urls: [location.href, ...urls] });
    });
  }

  // The indicator: connection, records waiting, "Send now", and each refused record's reason.
  const panel = document.createElement("section");
  panel.className = "offline-queue";
  panel.setAttribute("aria-label", t.queueTitle);
  panel.innerHTML =
    '<p class="offline-queue__status" role="status"><span class="offline-queue__dot"></span>' +
    '<span data-state></span> · <span data-count></span></p>' +
    '<button type="button" class="button button-small offline-queue__send" data-send hidden></button>' +
    '<p class="offline-queue__message" role="alert" data-message hidden></p>' +
    '<ul class="offline-queue__list" data-list></ul>';
  panel.querySelector("[data-send]").textContent = t.sendNow;
  const frame = document.createElement("div");
  frame.className = "nice-padding offline-queue__frame";
  frame.append(panel);
  // After the page's header (and the sticky bar holding it), before the screen's content.
  const slim = document.querySelector("main header");
  const header = slim?.closest(".w-sticky") || slim;
  if (header) header.after(frame);
  else (document.querySelector("main") || document.body).prepend(frame);
  const message = (text) => {
    const element = panel.querySelector("[data-message]");
    element.textContent = text || "";
    element.hidden = !text;
  };

  let owner = null;
  async function show() {
    const records = await queued(owner);
    records.sort((a, b) => a.created.localeCompare(b.created));
    panel.classList.toggle("is-offline", !navigator.onLine);
    panel.querySelector("[data-state]").textContent = navigator.onLine ? t.online : t.offline;
    panel.querySelector("[data-count]").textContent = fill(
      records.length === 1 ? t.queuedOne : t.queuedMany,
      { count: records.length },
    );
    panel.querySelector("[data-send]").hidden = !records.length || !navigator.onLine;
    const list = panel.querySelector("[data-list]");
    list.replaceChildren(
      ...records.map((record) => {
        const item = document.createElement("li");
        item.className = record.reason ? "is-refused" : "";
        const summary = document.createElement("span");
        summary.textContent = record.summary;
        const state = document.createElement("span");
        state.className = "offline-queue__reason";
        state.textContent = record.reason ? fill(t.refused, { reason: record.reason }) : t.waiting;
        item.append(summary, state);
        if (record.reason) item.append(button(t.fix, () => fix(record)));
        item.append(
          button(t.discard, async () => {
            if (!window.confirm(t.confirmDiscard)) return;
            await remove(record.key);
            show();
          }),
        );
        return item;
      }),
    );
  }
  function button(label, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button button-small button-secondary";
    element.textContent = label;
    element.addEventListener("click", action);
    return element;
  }

  // Send one item with its key: null when the connection failed (it waits), else what happened.
  // A refused item stays in the queue with the server's reason and errors, field by field.
  async function deliver(record) {
    let response;
    try {
      response = await fetch(record.kind === "month" ? config.monthSyncUrl : config.syncUrl, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          Accept: "application/json",
          "Idempotency-Key": record.key,
          "X-CSRFToken": session.csrf,
          "X-Queue-Owner": String(owner),
        },
        body: new URLSearchParams(record.fields),
      });
    } catch (error) {
      return null;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.status === 200 || response.status === 201) {
      await remove(record.key);
      return { sent: true, answer };
    }
    if ([400, 403, 409].includes(response.status)) {
      await put({ ...record, reason: answer.reason || String(response.status), errors: answer.errors || {} });
      return { refused: true, answer };
    }
    return { failed: true };
  }
  // One tab sends at a time (Web Locks); `job` gets whether this account may send now.
  async function exclusively(job) {
    const run = async () => {
      owner = await whoIsSignedIn();
      return job(navigator.onLine && session && session.user === owner);
    };
    return navigator.locks ? navigator.locks.request("offline-queue-send", run) : run();
  }

  // Send the queue, oldest first. Refused items wait for a fix, unless the user asks again (the
  // month may have been reopened since).
  async function send(includeRefused) {
    return exclusively(async (canSend) => {
      if (!canSend) return show();
      let sent = 0;
      let thisMonthSent = false;
      message(t.sending);
      const records = (await queued(owner)).sort((a, b) => a.created.localeCompare(b.created));
      for (const record of records) {
        if (record.reason && !includeRefused) continue;
        const outcome = await deliver(record);
        if (!outcome) break; // the connection went again: the rest waits
        if (outcome.sent) sent += 1;
        if (outcome.sent && record.kind === "month" && record.path === location.pathname) thisMonthSent = true;
        if (outcome.failed) {
          message(t.serverError);
          break;
        }
      }
      const element = panel.querySelector("[data-message]");
      if (sent) message(fill(t.sent, { count: sent }));
      else if (element.textContent === t.sending) message("");
      if (thisMonthSent && !(monthForm && typedInto(monthForm))) {
        // This form's month has just been saved: its "already recorded" figures are out of date,
        // and someone reading them could enter the month again. Draw the form afresh.
        location.reload();
        return;
      }
      return show();
    });
  }
  panel.querySelector("[data-send]").addEventListener("click", () => send(true));
  window.addEventListener("online", () => send(false));
  window.addEventListener("offline", show);

  // The record form: with no connection (or while fixing a queued record), saving queues it.
  // The month entry form (marked data-offline-month) always saves through the queue.
  const form = onForm && document.querySelector(`form[method="post" i][action="${config.formPath}"]`);
  const monthForm = document.querySelector("form[data-offline-month]");
  let fixing = null;
  function fix(record) {
    const month = record.kind === "month";
    const target = month ? monthForm : form;
    const path = month ? record.path : config.formPath;
    if (location.pathname !== path) {
      location.href = `${path}#fix-${record.key}`;
      return;
    }
    if (!target) {
      // The month's form is read-only now (locked): only the reason can be shown.
      message(fill(t.refused, { reason: record.reason }));
      return;
    }
    fillIn(target, record);
    fixing = record.key;
    message(month ? t.fixingMonth : t.fixing);
    target.scrollIntoView();
  }
  function fillIn(form, record) {
    for (const [name, value] of record.fields) {
      const field = form.elements.namedItem(name);
      if (isRadioGroup(field)) {
        field.value = value; // checks the radio button with this value (the indicator)
        continue;
      }
      if (!field || field instanceof RadioNodeList || field.type === "file") continue;
      if (field.type === "checkbox") field.checked = Boolean(value);
      else field.value = value;
      // A chooser (unit, indicator) shows the chosen item's title beside its hidden input.
      const title = field.id && document.getElementById(`${field.id}-title`);
      if (title && record.titles?.[name]) {
        title.textContent = record.titles[name];
        document.getElementById(`${field.id}-chooser`)?.classList.remove("blank");
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
    showErrors(form, record.errors);
  }
  // The server's reasons beside their fields, as the screen itself shows them (a hidden field,
  // such as the reason an unusual figure needs, is shown).
  function showErrors(form, errors) {
    form.querySelectorAll(".offline-queue__error").forEach((element) => element.remove());
    for (const [name, texts] of Object.entries(errors || {})) {
      const label = form.elements.namedItem(name)?.closest?.("label");
      if (!label) continue;
      label.hidden = false;
      for (const text of [...texts].reverse()) {
        const element = document.createElement("p");
        element.className = "error-message offline-queue__error";
        element.textContent = text;
        label.after(element);
      }
    }
  }
  if (form) {
    form.addEventListener(
      "submit",
      async (event) => {
        if (navigator.onLine && !fixing) {
          // Sent as before; should the answer never come, the draft lets the typing be restored.
          localStorage.setItem(DRAFT, JSON.stringify({ owner, fields: formFields(form, event), titles: chosenTitles(form) }));
          return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        await enqueue({ fields: formFields(form, event), summary: describe(form), titles: chosenTitles(form) });
        form.reset();
        await saved(event, navigator.onLine ? "" : t.savedOffline);
        if (navigator.onLine) send(false);
      },
      true,
    );
  }
  if (monthForm) {
    monthForm.addEventListener(
      "submit",
      async (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        const { unit, month, summary } = monthForm.dataset;
        const fields = [["unit", unit], ["month", month], ...formFields(monthForm, event)];
        const item = await enqueue({ kind: "month", path: location.pathname, fields, summary });
        showErrors(monthForm, {});
        const outcome = await exclusively((canSend) => (canSend ? deliver(item) : null));
        if (outcome?.sent) {
          location.assign(outcome.answer.url); // the month's screen, as the form's own save
          return;
        }
        if (outcome?.refused) {
          // The typing stays in the form and the item in the queue, being fixed.
          showErrors(monthForm, outcome.answer.errors);
          fixing = item.key;
          await saved(event, fill(t.monthRefused, { reason: outcome.answer.reason || "" }));
          return;
        }
        monthForm.reset();
        await saved(event, outcome?.failed ? t.serverError : t.monthSavedOffline);
      },
      true,
    );
  }
  // Put a new item in the queue (in place of the one being fixed); returns it.
  async function enqueue(item) {
    owner = owner ?? (await whoIsSignedIn());
    if (fixing) await remove(fixing);
    fixing = null;
    const record = { ...item, key: crypto.randomUUID(), owner, created: new Date().toISOString(), reason: "" };
    await put(record);
    return record;
  }
  async function saved(event, text) {
    // Wagtail's save button shows "Saving…" from the click: the save is done, so stop it.
    event.submitter?.setAttribute("data-w-progress-loading-value", "false");
    message(text);
    await show();
    panel.scrollIntoView({ block: "start" });
  }
  function typedInto(element) {
    return [...element.elements].some((field) => !["hidden", "submit", "button"].includes(field.type) && field.value);
  }
  function formFields(element, event) {
    return [...new FormData(element, event.submitter)].filter(
      ([name, value]) => name !== "csrfmiddlewaretoken" && typeof value === "string",
    );
  }
  // The form again with no answer to its last save (the signal dropped in mid-air): offer the
  // typing back, without sending it, since the server may have saved it.
  function offerDraft() {
    const draft = JSON.parse(localStorage.getItem(DRAFT) || "null");
    const answered = [...document.querySelectorAll(".error-message, .w-field__errors, .messages .error")].some(
      (element) => element.textContent.trim(),
    );
    if (!draft || draft.owner !== owner || answered) {
      localStorage.removeItem(DRAFT);
      return;
    }
    const notice = document.createElement("div");
    notice.className = "offline-queue__draft";
    const text = document.createElement("p");
    text.textContent = t.draft;
    notice.append(
      text,
      button(t.restore, () => {
        fix({ ...draft, key: null });
        message("");
        localStorage.removeItem(DRAFT);
        notice.remove();
      }),
      button(t.discard, () => {
        localStorage.removeItem(DRAFT);
        notice.remove();
      }),
    );
    panel.append(notice);
  }
  function chosenTitles(element) {
    const titles = {};
    for (const field of element.elements) {
      const title = field.name && field.id && document.getElementById(`${field.id}-title`);
      if (title && field.value) titles[field.name] = title.textContent.trim();
    }
    return titles;
  }
  function isRadioGroup(field) {
    return field instanceof RadioNodeList && [...field].every((item) => item.type === "radio");
  }
  function describe(element) {
    const titles = chosenTitles(element);
    const value = (name) => {
      const field = element.elements.namedItem(name);
      if (isRadioGroup(field)) {
        // A choice of radio buttons (the indicator) reads as the chosen one's label.
        const chosen = [...field].find((item) => item.checked);
        return chosen?.labels?.[0]?.textContent.trim() || "";
      }
      if (!field || field instanceof RadioNodeList) return "";
      if (titles[name]) return titles[name];
      if (field.tagName === "SELECT") return field.selectedOptions[0]?.textContent.trim() || "";
      return field.value || "";
    };
    return [value("date"), value("unit"), value("indicator"), value("quantity")].filter(Boolean).join(" · ");
  }

  (async () => {
    owner = await whoIsSignedIn();
    await show();
    const wanted = location.hash.startsWith("#fix-") && (await queued(owner)).find((r) => `#fix-${r.key}` === location.hash);
    if (wanted) fix(wanted);
    else if (form) offerDraft();
    if (navigator.onLine) send(false);
  })();
})();
