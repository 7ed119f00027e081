/* Shouwang's service worker (bundled by `npm run build` into build/sw.js, served at /sw.js by
   organisation.offline.service_worker, which puts the shell's list in self.SHOUWANG_OFFLINE first).

   - the app shell (Bootstrap, our CSS and scripts, icons) is precached;
   - pages: the network first; a page is kept only if the server marked it (X-Shouwang-Offline, given only to head
     teachers and carers, only for my week, their children's pages and the three forms: organisation.outbox);
     without a network the kept copy opens, and a page never kept opens the outbox page instead;
   - on the page script's word ("keep"), the pages the server lists for the user are fetched and kept. */
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, precacheAndRoute } from "workbox-precaching";
import { registerRoute, setCatchHandler } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { ExpirationPlugin } from "workbox-expiration";

const config = self.SHOUWANG_OFFLINE;
const PAGES = "shouwang-pages";
const HEADER = "X-Shouwang-Offline";

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(config.precache);

const onlyMarked = {
  cacheWillUpdate: async ({ response }) => (response && response.status === 200 && response.headers.get(HEADER) ? response : null),
};
// `?next=…` changes only where the form goes after saving: one copy of each page.
const withoutQuery = {
  cacheKeyWillBeUsed: async ({ request }) => {
    const url = new URL(request.url);
    url.search = "";
    url.hash = "";
    return url.href;
  },
};
const pages = new NetworkFirst({
  cacheName: PAGES,
  networkTimeoutSeconds: 10,
  matchOptions: { ignoreVary: true },
  plugins: [onlyMarked, withoutQuery, new ExpirationPlugin({ maxEntries: 1000, maxAgeSeconds: 14 * 24 * 60 * 60 })],
});

registerRoute(({ request, url }) => request.mode === "navigate" && url.origin === self.location.origin, pages);
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.startsWith("/static/"),
  new CacheFirst({ cacheName: "shouwang-static", plugins: [new ExpirationPlugin({ maxEntries: 80 })] }),
);

setCatchHandler(async ({ request }) => {
  if (request.mode !== "navigate") return Response.error();
  const outbox = await caches.match(new URL(config.outbox, self.location.origin).href, {
    cacheName: PAGES,
    ignoreVary: true,
  });
  return outbox || Response.error();
});

async function keep(event) {
  let urls = [];
  let kept = 0;
  try {
    const response = await fetch(event.data.pages, { credentials: "same-origin" });
    urls = (await response.json()).pages;
  } catch (error) {
    // offline, or signed out: nothing to keep now
  }
  const queue = [...urls];
  async function next() {
    while (queue.length) {
      const url = queue.shift();
      try {
        await pages.handle({ event, request: new Request(url, { credentials: "same-origin" }) });
        kept += 1;
      } catch (error) {
        // offline meanwhile: the next app open tries again
      }
    }
  }
  await Promise.all([next(), next(), next()]);
  if (event.source) event.source.postMessage({ type: "kept", count: kept, total: urls.length });
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "keep") event.waitUntil(keep(event));
});
