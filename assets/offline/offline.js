/* Shouwang offline: the outbox of a phone, on every page (bundled by `npm run build` into build/offline.js).

   A talk, home-visit or parent-contact form (form[data-outbox]) is first written to IndexedDB with a client UUID,
   the form's schema version, the device time and its fields, then posted; a post that does not reach the server
   stays in the outbox and is sent again when the connection returns or the app opens, oldest first, with back-off.
   The server accepts each UUID once (organisation/outbox.py), so a double click, two tabs or a replay write one
   record. Every item belongs to the user who made it: only that user's session sends it. Words come from the page
   (#offline-config, organisation/offline.py), so they are translated with the rest of the site. */
import { openDB } from "idb";

const config = JSON.parse(document.getElementById("offline-config").textContent);
const words = config.strings || {};
const PAGE_CACHES = "shouwang-pages";
const LAST_USER = "shouwang-user";
const WARMED = "shouwang-warmed";
const WARM_EVERY = 6 * 60 * 60 * 1000;
const UPLOADED = "shouwang-uploaded";

const say = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
const db = () =>
  openDB("shouwang-outbox", 1, {
    upgrade(database) {
      database.createObjectStore("items", { keyPath: "uuid" }).createIndex("user", "user");
    },
  });
const channel = "BroadcastChannel" in window ? new BroadcastChannel("shouwang-outbox") : null;

async function itemsOf(user) {
  const items = await (await db()).getAllFromIndex("items", "user", user);
  return items.sort((a, b) => a.seq - b.seq);
}

async function everyItem() {
  return (await db()).getAll("items");
}

async function clearPages() {
  if (!("caches" in window)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGE_CACHES)) await caches.delete(name);
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

// --- Sending one item: "sent", "failed" (the server said why), or "later" (no network, no session). ---

async function send(item) {
  const body = new URLSearchParams();
  for (const [name, value] of item.fields) {
    if (!["csrfmiddlewaretoken", "client_uuid", "outbox_author", "outbox_schema"].includes(name)) body.append(name, value);
  }
  body.append("csrfmiddlewaretoken", csrfToken());
  body.append("client_uuid", item.uuid);
  body.append("outbox_author", item.user);
  body.append("outbox_schema", item.schema);
  let response;
  try {
    response = await fetch(item.url, {
      method: "POST",
      body,
      credentials: "same-origin",
      redirect: "manual", // a redirect is the login page: the session is gone
      headers: { "X-Shouwang-Outbox": "1", "X-CSRFToken": csrfToken() },
    });
  } catch (error) {
    return { state: "later" };
  }
  if (response.type === "opaqueredirect") return { state: "later", message: words.login };
  let data = null;
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    try {
      data = await response.json();
    } catch (error) {
      data = null;
    }
  }
  if (data && data.ok) return { state: "sent", data };
  if (data && data.author) return { state: "later", message: data.message }; // never as someone else
  if (data) return { state: "failed", message: data.message, status: response.status };
  return { state: "later" }; // a proxy's page, a server error, a stale CSRF cookie: try again later
}

// --- Sync: the user's pending items in order; a network failure stops it and backs off. ---

let retryIn = 0;
let retryTimer = null;

function later() {
  retryIn = retryIn ? Math.min(retryIn * 2, 5 * 60 * 1000) : 5000;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(sync, retryIn);
}

function locked(work) {
  return navigator.locks ? navigator.locks.request("shouwang-outbox", work) : work();
}

async function sync() {
  if (!navigator.onLine) return;
  let sent = 0;
  let stopped = false;
  await locked(async () => {
    for (const item of await itemsOf(config.user)) {
      if (item.status !== "pending") continue; // a failed item waits for its author to fix or retry it
      const result = await send(item);
      const database = await db();
      if (result.state === "sent") {
        await database.delete("items", item.uuid);
        sent += 1;
      } else if (result.state === "failed") {
        await database.put("items", { ...item, status: "failed", message: result.message });
      } else {
        stopped = true;
        break;
      }
    }
  });
  if (stopped) later();
  else retryIn = 0;
  await changed();
  document.documentElement.dataset.outboxSynced = String(sent);
  if (sent && config.refresh) {
    // My week, the attention list and the child page count the work just uploaded: shown again, with the notice.
    sessionStorage.setItem(UPLOADED, String(sent));
    window.location.reload();
  } else if (sent) {
    notice(say(words.uploaded, { count: sent }), "success", "outbox-uploaded");
  }
}

// --- What the page shows: the count in the navbar, the banner, the outbox list. ---

async function changed(fromElsewhere) {
  const mine = await itemsOf(config.user);
  let badge = document.querySelector("[data-outbox-count]");
  if (!badge) {
    const brand = document.querySelector(".navbar-brand");
    if (!brand) return mine;
    badge = document.createElement("a");
    badge.href = config.outbox;
    badge.className = "badge rounded-pill text-bg-warning text-decoration-none me-auto";
    badge.dataset.outboxCount = "";
    badge.dataset.testid = "outbox-count";
    brand.after(badge);
  }
  badge.textContent = say(words.count, { count: mine.length });
  badge.hidden = mine.length === 0;
  if (document.querySelector("[data-outbox-list]")) await showList(mine);
  if (!fromElsewhere && channel) channel.postMessage("changed");
  return mine;
}

function notice(text, kind, testid) {
  const main = document.querySelector("main");
  let box = testid && document.querySelector(`[data-testid="${testid}"]`);
  if (!box) {
    box = document.createElement("div");
    box.setAttribute("role", "status");
    if (testid) box.dataset.testid = testid;
    main.prepend(box);
  }
  box.className = `alert alert-${kind} d-print-none`;
  box.textContent = text;
  return box;
}

async function showSaved(form) {
  const mine = await changed();
  const box = notice(say(words.saved, { count: mine.length }), "warning", "offline-banner");
  const link = document.createElement("a");
  link.href = config.outbox;
  link.className = "alert-link d-block mt-1";
  link.textContent = words.open_outbox;
  box.append(link);
  for (const element of form.elements) element.disabled = true;
  window.scrollTo(0, 0);
}

function button(label, kind, action) {
  const element = document.createElement("button");
  element.type = "button";
  element.className = `btn btn-sm btn-outline-${kind}`;
  element.textContent = label;
  element.addEventListener("click", action);
  return element;
}

async function showList(mine) {
  const list = document.querySelector("[data-outbox-list]");
  list.replaceChildren();
  if (window.location.pathname !== config.outbox) {
    // The service worker showed this page for one it does not keep.
    const note = document.createElement("p");
    note.className = "alert alert-secondary";
    note.textContent = words.not_cached;
    list.append(note);
  }
  if (!mine.length) {
    const empty = document.createElement("p");
    empty.className = "text-muted";
    empty.dataset.testid = "outbox-empty";
    empty.textContent = words.empty;
    list.append(empty);
  }
  for (const item of mine) {
    const card = document.createElement("div");
    card.className = `card mb-2 border-${item.status === "failed" ? "danger" : "warning"}`;
    card.dataset.testid = "outbox-item";
    const body = document.createElement("div");
    body.className = "card-body p-2";
    const title = document.createElement("div");
    title.className = "fw-bold";
    title.textContent = item.title;
    const when = document.createElement("div");
    when.className = "small text-muted";
    const time = new Date(item.created).toLocaleString(document.documentElement.lang || undefined);
    when.textContent = `${item.status === "failed" ? words.failed : words.pending} · ${say(words.saved_at, { time })}`;
    body.append(title, when);
    if (item.message) {
      const message = document.createElement("div");
      message.className = "small text-danger mt-1 outbox-message";
      message.dataset.testid = "outbox-message";
      message.textContent = item.message;
      body.append(message);
    }
    const actions = document.createElement("div");
    actions.className = "d-flex flex-wrap gap-2 mt-2";
    const fix = document.createElement("a");
    fix.className = "btn btn-sm btn-outline-primary";
    fix.href = `${item.url.split("#")[0]}#outbox=${item.uuid}`;
    fix.textContent = words.fix;
    actions.append(
      button(words.retry, "success", async () => {
        await (await db()).put("items", { ...item, status: "pending", message: "" });
        retryIn = 0;
        await sync();
      }),
      fix,
      button(words.delete, "danger", async () => {
        if (!window.confirm(words.confirm_delete)) return;
        await (await db()).delete("items", item.uuid);
        await changed();
      }),
    );
    body.append(actions);
    card.append(body);
    list.append(card);
  }
  const others = (await everyItem()).filter((item) => item.user !== config.user).length;
  if (others) {
    const note = document.createElement("p");
    note.className = "small text-muted";
    note.textContent = say(words.others, { count: others });
    list.append(note);
  }
}

// --- The three forms: into the outbox first, then to the server. ---

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function fill(form, fields) {
  const values = new Map();
  for (const [name, value] of fields) values.set(name, [...(values.get(name) || []), value]);
  for (const element of form.elements) {
    if (!element.name || element.name === "csrfmiddlewaretoken" || element.type === "submit") continue;
    const chosen = values.get(element.name) || [];
    if (element.type === "checkbox" || element.type === "radio") element.checked = chosen.includes(element.value);
    else if (element.multiple) for (const option of element.options) option.selected = chosen.includes(option.value);
    else if (chosen.length) element.value = chosen[0];
  }
}

async function outboxForm(form) {
  const id = form.querySelector("[name=client_uuid]");
  const fixing = window.location.hash.match(/^#outbox=([\w-]+)$/);
  const kept = fixing && (await (await db()).get("items", fixing[1]));
  if (kept && kept.user === config.user) {
    id.value = kept.uuid;
    fill(form, kept.fields);
  } else if (!id.value) {
    id.value = crypto.randomUUID();
    // A form kept on the phone and opened another day: the day it is filled in, not the day it was kept.
    const date = form.querySelector("[name=date]");
    if (date && date.max === form.dataset.renderedOn) date.max = today();
    if (date && date.value === form.dataset.renderedOn) date.value = today();
  }
  form.addEventListener("submit", async (event) => {
    if (form.dataset.native) return;
    event.preventDefault();
    if (form.dataset.busy) return; // a double click: the first one is on its way
    form.dataset.busy = "1";
    for (const element of form.querySelectorAll("[type=submit]")) element.disabled = true;
    try {
      await capture(form, id);
    } catch (error) {
      // No IndexedDB here (a private window, a full disk): the form posts as it would without this script.
      form.dataset.native = "1";
      form.submit();
    }
  });
}

// Into the outbox first, then to the server: what the server did not get is on the phone.
async function capture(form, id) {
  const database = await db();
  const before = await database.get("items", id.value);
  const item = {
    uuid: id.value,
    user: config.user,
    kind: form.dataset.outbox,
    schema: Number(form.dataset.outboxSchema),
    url: window.location.pathname + window.location.search,
    title: (document.querySelector("main h1") || { textContent: document.title }).textContent.trim(),
    created: new Date().toISOString(),
    seq: before ? before.seq : Date.now(),
    fields: [...new FormData(form)].filter(([, value]) => typeof value === "string"),
    status: "pending",
    message: "",
  };
  await database.put("items", item);
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
  const result = navigator.onLine ? await send(item) : { state: "later" };
  if (result.state === "sent") {
    await database.delete("items", item.uuid);
    window.location.assign(result.data.url);
  } else if (result.state === "failed") {
    await database.put("items", { ...item, status: "failed", message: result.message });
    if (result.status === 422) {
      // The server shows its messages on the form, as without the outbox; the item waits until it is saved.
      form.dataset.native = "1";
      form.submit();
    } else {
      notice(result.message, "danger", "offline-banner");
      await changed();
      delete form.dataset.busy;
    }
  } else {
    await showSaved(form);
    later();
  }
}

// --- Logging out: warn about unsent items, keep them for their author, never keep her pages. ---

document.addEventListener(
  "submit",
  async (event) => {
    const form = event.target;
    if (!config.logout || form.dataset.native || new URL(form.action).pathname !== config.logout) return;
    event.preventDefault();
    const mine = await itemsOf(config.user);
    if (mine.length && !window.confirm(say(words.logout, { count: mine.length }))) return;
    await clearPages();
    localStorage.removeItem(WARMED);
    form.dataset.native = "1";
    form.submit();
  },
  true,
);

// --- The service worker: registered for the roles that work offline, then told which pages to keep. ---

async function startWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register(config.sw, { scope: "/" });
  await navigator.serviceWorker.ready;
  const warmed = JSON.parse(localStorage.getItem(WARMED) || "null");
  if (warmed && warmed.user === config.user && Date.now() - warmed.at < WARM_EVERY) {
    document.documentElement.dataset.offlineReady = "";
    return;
  }
  const worker = registration.active;
  const done = new Promise((resolve) => {
    const listen = (event) => {
      if (event.data && event.data.type === "kept") {
        navigator.serviceWorker.removeEventListener("message", listen);
        resolve(event.data);
      }
    };
    navigator.serviceWorker.addEventListener("message", listen);
  });
  worker.postMessage({ type: "keep", pages: config.pages });
  await done;
  localStorage.setItem(WARMED, JSON.stringify({ user: config.user, at: Date.now() }));
  document.documentElement.dataset.offlineReady = "";
}

async function start() {
  // Another person on this phone: the last user's pages go (her outbox stays hers, unsent).
  const user = config.user === null ? null : String(config.user);
  if (localStorage.getItem(LAST_USER) !== user) {
    await clearPages();
    localStorage.removeItem(WARMED);
    if (config.user === null) localStorage.removeItem(LAST_USER);
    else localStorage.setItem(LAST_USER, String(config.user));
  }
  if (!config.enabled) return;
  const uploaded = sessionStorage.getItem(UPLOADED);
  if (uploaded) {
    sessionStorage.removeItem(UPLOADED);
    notice(say(words.uploaded, { count: uploaded }), "success", "outbox-uploaded");
  }
  for (const form of document.querySelectorAll("form[data-outbox]")) await outboxForm(form);
  await changed();
  if (channel) channel.onmessage = () => changed(true);
  window.addEventListener("online", () => {
    retryIn = 0;
    sync();
  });
  await sync();
  startWorker();
}

start();
