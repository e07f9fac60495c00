/* The site search: Pagefind's index (pagefind/, built after mkdocs build) in Material's search
   box. Danish labels; a dialog with a label, a status line, filters with counts, a results
   list. Keys: "/", "s" or "f" open it, arrows move through the results, Enter opens one, Esc
   closes; focus leaving the dialog (Tab past its last control, Shift+Tab before the field)
   closes it too. Below 60em the header's search button opens it (hidden without script); any
   element with data-kb-search-open (the 404 page) opens it as well. The query and filters live in the page URL (?q=…&q-type=…), so a search can be
   shared. A query that is exactly a name or alias puts that page first (pagefind/kb-navn-<n>.json,
   one of 64 small files). "Mente du …?" compares the query with the entity names
   (pagefind/kb-navne.json, fetched only when no result holds the query) by edit distance.
   Everything shown is set as text (textContent), never as HTML, except Pagefind's excerpt,
   which Pagefind escapes itself. */
(() => {
  "use strict";
  const root = document.getElementById("kb-search");
  const toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  const input = root.querySelector("input[name=q]");
  const form = root.querySelector("form");
  const status = document.getElementById("kb-search-status");
  const list = document.getElementById("kb-search-results");
  const filtersBox = document.getElementById("kb-search-filters");
  const suggestBox = document.getElementById("kb-search-suggest");
  const more = document.getElementById("kb-search-more");
  const opener = document.querySelector(".kb-search-open");
  if (opener) opener.hidden = false; /* no script, no search: the button shows only now */
  // The base ends in exactly one slash: the 404 page's base is the site's path ("/kb/"), and
  // "/kb/" + "/" would fetch "/kb//pagefind/…" (or "//pagefind/…", another host, at the root).
  const base = new URL((root.dataset.kbBase || ".").replace(/\/+$/, "") + "/", location.href);
  const PAGE = 10;
  const DEBOUNCE_MS = 60;
  const MAX_DISTANCE = 2;
  const SNIPPET = 180;
  /* Names weigh most (the H1 and the keyword block, see search_block.py); kind, summary and
     the name keys are metadata for the result, not words to rank by. */
  const RANKING = { metaWeights: { title: 5.0, summary: 0.0, kind: 0.0, names: 0.0, nameWords: 0.0 } };
  /* Facets in the order shown; the first is always open. URL keys are the lower-case names. */
  const FACETS = ["Type", "Kategori", "Region", "Driftsherre", "Risiko", "Lovgrundlag", "Status"];
  /* "q-type=Tilbud": prefixed, so an overview's own filters (?kategori=...) never open the search. */
  const TYPE = FACETS[0];
  const param = name => "q-" + name.toLowerCase();

  let pagefind = null;
  let names = null;
  let allFilters = null;
  let selected = {};
  let current = null;
  let promoted = null; /* the path of a page moved up from beyond the first page (namedPage) */
  let shown = 0;
  let sequence = 0;
  let timer = 0;

  const load = () => {
    pagefind ??= import(new URL("pagefind/pagefind.js", base).href).then(async module => {
      /* baseUrl "/": result URLs relative to the indexed site ("/tilbud/x/"), resolved against
         the site's base below; Pagefind's default puts the site's path in front ("/kb/tilbud/x/"),
         which the base would then double under a path (GitHub Pages, the 404 page). */
      await module.options({
        baseUrl: "/",
        ranking: window.__kbRanking || RANKING
      });
      await module.init();
      return module;
    });
    return pagefind;
  };
  /* {name key: [page URL, kind label]} of the file `key` is in: search_index.key_shard. */
  const KEY_SHARDS = 64;
  const shards = {};
  const loadKeys = key => {
    const shard = [...key].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % KEY_SHARDS;
    shards[shard] ??= fetch(new URL(`pagefind/kb-navn-${shard}.json`, base))
      .then(r => (r.ok ? r.json() : {})).catch(() => ({}));
    return shards[shard];
  };
  const loadNames = () => {
    names ??= fetch(new URL("pagefind/kb-navne.json", base)).then(r => r.json());
    return names;
  };

  /* Comparison key, as search_block.folded in Python: æ/ø/å and ae/oe/aa alike. */
  const fold = text => text.toLowerCase()
    .replace(/æ/g, "ae").replace(/ø/g, "oe").replace(/å/g, "aa")
    .replace(/aa/g, "a").replace(/ae/g, "a").replace(/oe/g, "o")
    .replace(/[^0-9a-z\s]+/g, " ").replace(/\s+/g, " ").trim();

  const distance = (a, b) => {
    if (Math.abs(a.length - b.length) > MAX_DISTANCE) return MAX_DISTANCE + 1;
    let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = row;
    }
    return prev[b.length];
  };

  /* Entity names within edit distance 2 of the query (or of as many of its words). */
  const suggestions = async query => {
    const q = fold(query);
    if (q.replace(/ /g, "").length < 4) return [];
    const words = q.split(" ").length;
    const found = [];
    for (const [name, url, kind] of await loadNames()) {
      const parts = fold(name).split(" ");
      let best = MAX_DISTANCE + 1;
      for (let i = 0; i + words <= parts.length; i++) {
        best = Math.min(best, distance(q, parts.slice(i, i + words).join(" ")));
      }
      best = Math.min(best, distance(q, parts.join(" ")));
      if (best <= MAX_DISTANCE) found.push({ name, url, kind, best });
    }
    found.sort((a, b) => a.best - b.best || a.name.length - b.name.length);
    return found.slice(0, 3);
  };

  /* A result's page address: its URL below the site's base. */
  const pageUrl = d => new URL(d.url.replace(/^\//, ""), base);

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const filterOption = () => {
    const filters = {};
    for (const [facet, values] of Object.entries(selected)) {
      if (values.length) filters[facet] = { any: values };
    }
    return filters;
  };

  const syncUrl = () => {
    const url = new URL(location.href);
    url.searchParams.delete("q");
    FACETS.forEach(f => url.searchParams.delete(param(f)));
    if (toggle.checked) {
      if (input.value.trim()) url.searchParams.set("q", input.value.trim());
      for (const [facet, values] of Object.entries(selected)) {
        values.forEach(v => url.searchParams.append(param(facet), v));
      }
    }
    history.replaceState(history.state, "", url);
  };

  const renderFilters = counts => {
    filtersBox.replaceChildren();
    if (!allFilters) return;
    let any = false;
    FACETS.forEach((facet, index) => {
      const values = Object.keys(allFilters[facet] || {}).sort((a, b) => a.localeCompare(b, "da"));
      const chosen = selected[facet] || [];
      const visible = values.filter(v => chosen.includes(v) || (counts?.[facet]?.[v] ?? 0) > 0);
      if (!visible.length) return;
      any = true;
      const group = el(index === 0 ? "div" : "details", "kb-facet");
      if (index > 0 && chosen.length) group.open = true;
      const fieldset = el("fieldset");
      const legend = el("legend", "kb-facet__name", facet);
      if (index > 0) {
        const summary = el("summary", "kb-facet__name", facet + (chosen.length ? ` (${chosen.length})` : ""));
        group.append(summary);
        legend.className = "md-visually-hidden kb-facet__legend";
      }
      fieldset.append(legend);
      for (const value of visible) {
        const label = el("label", "kb-facet__option");
        const box = el("input");
        box.type = "checkbox";
        box.name = facet;
        box.value = value;
        box.checked = chosen.includes(value);
        const count = counts?.[facet]?.[value] ?? 0;
        box.addEventListener("change", () => {
          const now = new Set(selected[facet] || []);
          box.checked ? now.add(value) : now.delete(value);
          selected[facet] = [...now];
          run(true);
        });
        label.append(box, el("span", "kb-facet__value", value), el("span", "kb-facet__count", String(count)));
        fieldset.append(label);
      }
      group.append(fieldset);
      filtersBox.append(group);
    });
    filtersBox.hidden = !any;
  };

  const resultItem = data => {
    const item = el("li", "md-search-result__item");
    const link = el("a", "md-search-result__link");
    link.href = pageUrl(data).href;
    const article = el("article", "md-search-result__article md-typeset");
    const kind = data.meta.kind;
    if (kind) article.append(el("p", "kb-search-kind", kind));
    article.append(el("h2", "kb-search-title", data.meta.title || data.url));
    const snippet = el("p", "kb-search-snippet");
    if (data.meta.summary) {
      const text = data.meta.summary;
      snippet.textContent = text.length > SNIPPET ? text.slice(0, SNIPPET).replace(/\s+\S*$/, "") + " …" : text;
    } else {
      snippet.innerHTML = data.excerpt; /* Pagefind escapes the page text and adds <mark> */
    }
    article.append(snippet);
    link.append(article);
    item.append(link);
    return item;
  };

  /* The first page of results, reordered by the names: a page whose name (or alternative
     name) is exactly the query comes first, then pages whose name starts with the query
     ("KL" before "KL's Koordinationsforum" before pages that mention KL); then pages whose
     names hold more of the query's words. Words meet when the name's word starts with the query's or both share their first six letters
     (a crude stem: "rusmidler" meets "rusmiddelbrug"). Stable, so Pagefind's order decides
     the rest. */
  const STEM = 6;
  const DOCUMENT_KINDS = ["Kilde", "Kildetekst"];
  const meets = (w, n) => n.startsWith(w) ||
    (w.length >= STEM && n.length >= STEM && w.slice(0, STEM) === n.slice(0, STEM));
  const byNames = (query, data) => {
    const q = fold(query);
    const key = q.replace(/ /g, "");
    const words = [...new Set(q.split(" ").filter(Boolean))];
    const score = d => {
      const keys = (d.meta.names || "").split(" | ");
      const title = fold(d.meta.title || "");
      if (keys.includes(key) || title.replace(/ /g, "") === key) return words.length + 2;
      if (title.startsWith(q) && (title.length === q.length || title[q.length] === " ")) return words.length + 1;
      const nameWords = (title + " " + (d.meta.nameWords || "")).split(" ").filter(Boolean);
      return words.filter(w => nameWords.some(n => meets(w, n))).length;
    };
    /* On a tie, the entities (target groups, offers, notifications, organisations) before
       the documents that mention them: "gravide rusmidler" is the target group and the
       notification before the letters about them. */
    const documents = d => (DOCUMENT_KINDS.includes(d.meta.kind) ? 1 : 0);
    return data.map((d, i) => [score(d), documents(d), i, d])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]).map(x => x[3]);
  };

  const showMore = async () => {
    const mine = sequence;
    const batch = current.results.slice(shown, shown + PAGE);
    const data = await Promise.all(batch.map(r => r.data()));
    if (mine !== sequence) return;
    data.filter(d => pageUrl(d).pathname !== promoted)
      .forEach(d => list.append(resultItem(d)));
    shown += batch.length;
    more.hidden = shown >= current.results.length;
  };

  const plural = n => n === 1 ? "1 resultat" : `${n.toLocaleString("da-DK")} resultater`;

  /* The page one of whose names is exactly the query ("DAS"), when Pagefind ranks it below the
     first page (pages that mention the name often rank higher): found by searching within its
     type only, so it can lead. */
  const namedPage = async (query, filters, module, data) => {
    const key = fold(query).replace(/ /g, "");
    if (!key) return null;
    const named = (await loadKeys(key))[key];
    const wanted = named && new URL(named[0], base).pathname;
    if (!named || data.some(d => pageUrl(d).pathname === wanted)) return null;
    if (filters[TYPE] && !filters[TYPE].any.includes(named[1])) return null;
    const within = await module.search(query, { filters: { ...filters, [TYPE]: { any: [named[1]] } } });
    for (const result of within?.results.slice(0, PAGE) || []) {
      const d = await result.data();
      if (pageUrl(d).pathname === wanted) return d;
    }
    return null;
  };

  const render = async (query, search, filters = {}) => {
    const mine = sequence;
    current = search;
    shown = 0;
    const batch = search.results.slice(0, PAGE);
    let data = await Promise.all(batch.map(r => r.data()));
    const named = query ? await namedPage(query, filters, await load(), data) : null;
    promoted = named ? pageUrl(named).pathname : null;
    if (named) data = [named, ...data.slice(0, PAGE - 1)];
    data = byNames(query, data);
    /* Suggest when no result's name holds the query as typed (a near miss or a folded
       spelling): the names within edit distance 2 are offered. */
    const typed = text => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    const needSuggest = query && !data.some(d => typed(d.meta.title || "").includes(typed(query)));
    const suggested = needSuggest ? await suggestions(query) : [];
    if (mine !== sequence) return;
    list.replaceChildren(...data.map(resultItem));
    shown = batch.length;
    more.hidden = shown >= search.results.length;
    const offers = suggested;
    suggestBox.replaceChildren();
    if (offers.length) {
      suggestBox.append(el("span", "kb-search-suggest__label", "Mente du "));
      offers.forEach((s, i) => {
        const link = el("a", "kb-search-suggest__link", s.name);
        link.href = new URL(s.url, base).href;
        link.setAttribute("aria-label", `${s.name} (${s.kind})`);
        suggestBox.append(link);
        if (i < offers.length - 1) suggestBox.append(i === offers.length - 2 ? " eller " : ", ");
      });
      suggestBox.append("?");
    }
    suggestBox.hidden = !offers.length;
    status.textContent = search.results.length ? `${plural(search.results.length)} for »${query || "filtrene"}«`
      : (offers.length ? "Ingen resultater" : "Ingen resultater. Prøv et andet ord, eller fjern et filter.");
    renderFilters(search.filters);
    list.dataset.query = query;
    list.dataset.shownAt = String(performance.now());
  };

  async function run(now = false) {
    const mine = ++sequence;
    clearTimeout(timer);
    const query = input.value.trim();
    syncUrl();
    const filters = filterOption();
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      suggestBox.hidden = true;
      more.hidden = true;
      status.textContent = "Skriv for at søge";
      const module = await load();
      allFilters ??= await module.filters();
      renderFilters(null);
      list.dataset.query = "";
      return;
    }
    const module = await load();
    if (query) module.preload(query, { filters });
    const go = async () => {
      allFilters ??= await module.filters();
      const search = await module.search(query || null, { filters });
      if (mine === sequence && search) await render(query, search, filters);
    };
    if (now) await go(); else timer = setTimeout(go, DEBOUNCE_MS);
  }

  const open = (focus = true) => {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    if (focus) input.focus();
  };
  /* `refocus`: put focus back on the search button (Esc); not when focus has moved on. */
  const close = (refocus = true) => {
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    if (!refocus) return;
    input.blur();
    if (opener && getComputedStyle(opener).display !== "none") opener.focus();
  };

  toggle.addEventListener("change", () => {
    opener?.setAttribute("aria-expanded", String(toggle.checked));
    if (toggle.checked) load(); /* start loading while the person types */
    syncUrl();
  });
  opener?.addEventListener("click", () => open());
  /* Other openers (the 404 page's button, hidden without script). With
     data-kb-search-from-address, an empty field gets the words of the missing address's last
     part ("/tilbud/kofoedsmind/" -> "kofoedsmind"), so "Mente du …?" can offer the page. */
  const addressWords = () => {
    const parts = decodeURIComponent(location.pathname).split("/").filter(Boolean);
    return (parts.pop() || "").replace(/\.html?$/, "").replace(/[-_+]+/g, " ").trim();
  };
  document.querySelectorAll("[data-kb-search-open]").forEach(button => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const wanted = button.hasAttribute("data-kb-search-from-address") ? addressWords() : "";
      open();
      if (!input.value.trim() && wanted) {
        input.value = wanted;
        run(true);
      }
      input.select();
    });
  });
  /* Focus that moves to another control of the page (Tab, Shift+Tab) closes the dialog; a
     click on nothing focusable (relatedTarget null) or a window losing focus does not. */
  root.addEventListener("focusout", ev => {
    const next = ev.relatedTarget;
    if (toggle.checked && next instanceof Element && !root.contains(next)) close(false);
  });
  input.addEventListener("focus", () => open(false));
  input.addEventListener("input", () => run());
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", () => setTimeout(() => { selected = {}; run(true); input.focus(); }, 0));
  more.addEventListener("click", showMore);

  const links = () => [...root.querySelectorAll(".kb-search-suggest__link, .kb-search-results a")];
  root.addEventListener("keydown", ev => {
    if (ev.key === "Escape") {
      ev.preventDefault();
      close();
      return;
    }
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    ev.preventDefault();
    const next = ev.key === "ArrowDown" ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else if (next < all.length) all[next].focus();
  });
  document.addEventListener("keydown", ev => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || toggle.checked) return;
    const target = ev.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (ev.key === "/" || ev.key === "s" || ev.key === "f") {
      ev.preventDefault();
      open();
    }
  });

  /* A shared search URL: open the search with its query and filters. */
  const params = new URLSearchParams(location.search);
  FACETS.forEach(f => {
    const values = params.getAll(param(f));
    if (values.length) selected[f] = values;
  });
  if (params.get("q") || Object.keys(selected).length) {
    input.value = params.get("q") || "";
    open();
    run(true);
  }
})();
