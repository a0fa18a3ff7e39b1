// Checks the links and images of the documentation with linkinator, offline, and fails on any broken
// one. Two passes:
//   1. the built API site (docs/api, from `npm run docs`), crawled from its index: every page, image
//      and #anchor it links to must exist;
//   2. every committed markdown file (README.md, the guides, docs/*.md, the folders' READMEs) as GitHub
//      shows it: relative links, images and #anchors must resolve on disk.
// External http(s) links are not fetched (CI reaches package registries only), but two kinds of link
// that look fine to a crawler are refused in the site: a link to a raw `.md` file (typedoc copies a
// markdown file that is not one of its projectDocuments as media, so the reader gets the source, not a
// page), and an `http://name.tld` link whose name is an export of the API (typedoc's markdown turns
// text such as `normal.ci` outside code spans into a link to http://normal.ci).
//   npm run docs && npm run check:links
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from 'linkinator';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'docs', 'api');
process.chdir(root);

if (!existsSync(join(site, 'index.html'))) {
  console.error('docs/api/index.html is missing: run `npm run docs` first');
  process.exit(1);
}

/** linkinator serves local paths at http://localhost:<port>/; anything else is external. */
const isLocal = (url) => url.startsWith('http://localhost:');

/** The names the API site documents (`normal`, `Model`, `runParallel`, `fit`, …), lower-cased. */
function apiNames() {
  const names = new Set();
  for (const folder of [
    'classes',
    'enums',
    'functions',
    'interfaces',
    'modules',
    'types',
    'variables',
  ]) {
    if (!existsSync(join(site, folder))) continue;
    for (const file of readdirSync(join(site, folder))) {
      // `salvo.fit.beta.html`, `salvo_node.runParallel.html`: the entry, then the name's path.
      for (const part of basename(file, '.html').split('.').slice(1)) names.add(part.toLowerCase());
    }
  }
  return names;
}

/**
 * Runs linkinator with `options`, anchors checked and external links skipped (their URLs pushed to
 * `external`); returns every link it saw, each with its state (OK, BROKEN, SKIPPED), status and parent.
 */
async function crawl(options, external) {
  const result = await check({
    ...options,
    checkFragments: true,
    linksToSkip: async (url) => {
      if (isLocal(url)) return false;
      external.push(url);
      return true;
    },
  });
  return result.links;
}

const problems = [];

// 1. The built site.
const siteExternal = [];
const siteLinks = await crawl({ path: 'docs/api', recurse: true }, siteExternal);
const names = apiNames();
for (const link of siteLinks) {
  if (link.state === 'BROKEN') {
    problems.push(`${link.url} (${link.status}), linked from ${link.parent}`);
  } else if (/\.md(#|$)/.test(new URL(link.url, 'http://localhost/').pathname)) {
    problems.push(
      `${link.url}, linked from ${link.parent}: a raw markdown file; add it to projectDocuments in ` +
        'typedoc.json so that the link goes to its rendered page',
    );
  }
}
for (const url of new Set(siteExternal)) {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const labels = parsed?.hostname.split('.') ?? [];
  if (parsed?.protocol === 'http:' && labels.length === 2 && names.has(labels[0])) {
    problems.push(
      `${url}: an API name that markdown turned into a web link; write it in a code span ` +
        `(\`${labels.join('.')}\`)`,
    );
  }
}

// 2. The committed markdown files, as GitHub renders them.
const markdown = execFileSync('git', ['ls-files', '*.md'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && existsSync(file));
const markdownLinks = await crawl({ path: markdown, markdown: true }, []);
for (const link of markdownLinks) {
  if (link.state === 'BROKEN') {
    problems.push(`${link.url} (${link.status}), linked from ${link.parent ?? link.url}`);
  }
}

const checked = siteLinks.length + markdownLinks.length;
if (problems.length > 0) {
  console.error(`Broken documentation links (${problems.length}):`);
  for (const problem of problems) console.error(`  ${problem}`);
  console.error(`${problems.length} broken of ${checked} links checked`);
  process.exit(1);
}
console.log(
  `check:links: ${checked} links and images checked (${siteLinks.length} in docs/api, ` +
    `${markdownLinks.length} in ${markdown.length} markdown files), none broken; ` +
    `${new Set(siteExternal).size} external links of the site not fetched`,
);
