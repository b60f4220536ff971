// Hash routes (#/licenses/llama3.1?x=1): the server serves one page and never sees the route,
// so every view has a link that survives a reload and the back button works without history code.

export interface RouteContext {
  /** Path captures of the route's pattern, URI-decoded. */
  params: string[];
  query: URLSearchParams;
  path: string;
}

export interface Route {
  pattern: RegExp;
  /** The nav entry marked current while this route shows (its href). */
  nav?: string;
  render(outlet: HTMLElement, ctx: RouteContext): void | Promise<void>;
}

export function parseHash(hash: string): { path: string; query: URLSearchParams } {
  const raw = hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  return {
    path: q < 0 ? raw : raw.slice(0, q),
    query: new URLSearchParams(q < 0 ? "" : raw.slice(q + 1)),
  };
}

/** "#/compare" + {ids: "a,b"} -> "#/compare?ids=a,b" (commas kept readable). */
export function href(path: string, query: Record<string, string | undefined> = {}): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%2C/g, ",")}`)
    .join("&");
  return `#${path}${qs ? `?${qs}` : ""}`;
}

/** Updates the address without rendering again (for filter state typed into a page). */
export function replaceHash(hash: string): void {
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

export function startRouter(
  outlet: HTMLElement,
  routes: Route[],
  onRoute: (route: Route | undefined, ctx: RouteContext) => void,
): void {
  const show = () => {
    // in-page anchors (the skip link's #app) are not routes: keep the page that is showing
    if (/^#[^/]/.test(location.hash) && outlet.querySelector(".view")) return;
    const { path, query } = parseHash(/^#[^/]/.test(location.hash) ? "" : location.hash);
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      const ctx = { params: m.slice(1).map((p) => decodeURIComponent(p ?? "")), query, path };
      // each view gets a fresh element: a slow render of a page already left writes into a
      // detached node instead of over the current page
      const view = document.createElement("div");
      view.className = "view";
      outlet.replaceChildren(view);
      onRoute(r, ctx);
      void Promise.resolve(r.render(view, ctx)).finally(() => {
        if (view.isConnected) view.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
      });
      return;
    }
    onRoute(undefined, { params: [], query, path });
  };
  window.addEventListener("hashchange", show);
  show();
}
