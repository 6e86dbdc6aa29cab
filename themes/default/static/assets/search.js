// The search page: Pagefind's JS API over the index `digest build` writes to pagefind/.
// Words, topic and actor go to Pagefind (topic and actor are Pagefind filters); the date
// range is applied here, by binary search over the results sorted by date, reading only the
// `date` meta of O(log n) results. The page works under any base path: the bundle and the
// result URLs come from the form's data-bundle and data-base attributes.

const PAGE_SIZE = 10;

const form = document.getElementById("search-form");
const fields = {
  q: document.getElementById("search-q"),
  topic: document.getElementById("search-topic"),
  actor: document.getElementById("search-actor"),
  from: document.getElementById("search-from"),
  to: document.getElementById("search-to"),
};
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const language = document.documentElement.lang || undefined;
const plurals = new Intl.PluralRules(language);

/** Messages in English; a page gives them in its language as the form's data-text-* attributes. */
const TEXT = {
  searching: "Searching…",
  failed: "The search index could not be loaded.",
  none: "No articles found",
  foundOne: "{count} article found",
  foundOther: "{count} articles found",
  forWords: "{found} for “{words}”.",
  plain: "{found}.",
};

/** The message `name` with its {placeholders} filled in. */
function text(name, values = {}) {
  const key = `text${name[0].toUpperCase()}${name.slice(1)}`;
  const message = form.dataset[key] ?? TEXT[name] ?? TEXT.foundOther;
  return message.replace(/\{(\w+)\}/g, (whole, field) => (field in values ? `${values[field]}` : whole));
}

let pagefind = null;
let latest = 0; // the number of the newest search; older ones stop when they see it changed
let shown = []; // the current search's results, in order
let next = 0; // how many of them are on the page
const loaded = new Map(); // result id → promise of its data (meta, url, excerpt)

function dataOf(result) {
  if (!loaded.has(result.id)) loaded.set(result.id, result.data());
  return loaded.get(result.id);
}

async function dayOf(result) {
  return (await dataOf(result)).meta.date || "";
}

/** The first index whose result passes `test`, for a test that is false, then true. */
async function firstPassing(results, test) {
  let low = 0;
  let high = results.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (await test(results[middle])) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The ids of the results dated from `from` to `to` (ISO days, inclusive; either may be ""). */
async function idsInRange(query, filters, from, to) {
  const dated = (await pagefind.search(query, { filters, sort: { date: "desc" } })).results;
  const start = to ? await firstPassing(dated, async (r) => (await dayOf(r)) <= to) : 0;
  const end = from ? await firstPassing(dated, async (r) => (await dayOf(r)) < from) : dated.length;
  return { dated, ids: new Set(dated.slice(start, end).map((r) => r.id)) };
}

function formatDay(day) {
  const [year, month, date] = day.split("-").map(Number);
  if (!year || !month || !date) return day;
  return new Date(Date.UTC(year, month - 1, date)).toLocaleDateString(language, {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const meta = document.createElement("p");
    meta.className = "search-result-meta";
    const time = document.createElement("time");
    time.dateTime = data.meta.date;
    time.textContent = formatDay(data.meta.date);
    meta.append(time);
    item.append(meta);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "search-result-excerpt";
  excerpt.innerHTML = data.excerpt; // Pagefind escapes the text and adds only <mark>
  item.append(excerpt);
  return item;
}

async function showMore(search) {
  const slice = shown.slice(next, next + PAGE_SIZE);
  const items = await Promise.all(slice.map(dataOf));
  if (search !== latest) return;
  list.append(...items.map(resultItem));
  next += slice.length;
  more.hidden = next >= shown.length;
}

function currentFilters() {
  const filters = {};
  if (fields.topic.value) filters.topic = fields.topic.value;
  if (fields.actor.value) filters.actor = fields.actor.value;
  return filters;
}

function rememberInUrl() {
  const params = new URLSearchParams();
  for (const [name, field] of Object.entries(fields)) {
    if (field.value.trim()) params.set(name, field.value.trim());
  }
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function describe(count, words) {
  const category = plurals.select(count);
  const found = count === 0 ? text("none") : text(`found${category[0].toUpperCase()}${category.slice(1)}`, { count });
  return words ? text("forWords", { found, words }) : text("plain", { found });
}

async function run() {
  const search = ++latest;
  rememberInUrl();
  const words = fields.q.value.trim();
  const filters = currentFilters();
  const from = fields.from.value;
  const to = fields.to.value;
  if (!words && !Object.keys(filters).length && !from && !to) {
    list.replaceChildren();
    more.hidden = true;
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = text("searching");
  const query = words || null; // null: every article that passes the filters
  let results;
  if (from || to) {
    const { dated, ids } = await idsInRange(query, filters, from, to);
    results = words
      ? (await pagefind.search(query, { filters })).results.filter((r) => ids.has(r.id))
      : dated.filter((r) => ids.has(r.id));
  } else {
    const sort = words ? undefined : { date: "desc" };
    results = (await pagefind.search(query, { filters, sort })).results;
  }
  if (search !== latest) return;
  shown = results;
  next = 0;
  list.replaceChildren();
  await showMore(search);
  if (search === latest) statusLine.textContent = describe(results.length, words);
}

function fillSelect(select, counts) {
  const names = Object.keys(counts || {}).sort((a, b) =>
    a.localeCompare(b, language, { sensitivity: "base" }),
  );
  for (const name of names) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

let typing = 0;

async function start() {
  try {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 30 });
    await pagefind.init();
    const filters = await pagefind.filters();
    fillSelect(fields.topic, filters.topic);
    fillSelect(fields.actor, filters.actor);
  } catch (error) {
    statusLine.textContent = text("failed");
    return;
  }
  const params = new URLSearchParams(location.search);
  for (const [name, field] of Object.entries(fields)) {
    if (params.has(name)) field.value = params.get(name);
  }
  document.getElementById("search-noscript").hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  fields.q.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(run, 250);
  });
  for (const field of [fields.topic, fields.actor, fields.from, fields.to]) {
    field.addEventListener("change", run);
  }
  more.addEventListener("click", () => showMore(latest));
  if ([...params.keys()].some((name) => name in fields)) await run();
}

start();
