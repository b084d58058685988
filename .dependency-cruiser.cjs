// The layer rule: a module imports only from its own layer's folder or from layers below it.
// Read top to bottom; type-only imports count too, since a circle of types is still a circle.
//
//   cli.ts                  the CLI's entry: parses argv, hands each command its context
//   commands                the commands: call the layers below, print
//   service                 the long-running process (scheduler, health, leases)
//   jobs                    one unit of work each: poll a source, run a cycle, send a digest
//   digest, exposure, seed  read models built over the store, gap and renderers
//   collectors, diff, gap, notify
//                           the pipeline's stages: fetch, compare, measure, deliver
//   classify                pure rules: openness levels, licences, announcements, release identity
//   store                   SQLite through the migrations
//   events                  what an event is: catalogue, typed payloads, how one reads
//   http                    the one HTTP client
//   config                  settings: files, environment, defaults
//   model.ts, errors.ts, log.ts, version.ts, shared
//                           plain types and helpers every layer may use
//
// Siblings in one layer do not import each other, except along the edges listed in SIBLINGS.
const LAYERS = [
  ['cli.ts'],
  ['commands'],
  ['service'],
  ['jobs'],
  ['digest', 'exposure', 'seed'],
  ['collectors', 'diff', 'gap', 'notify'],
  ['classify'],
  ['store'],
  ['events'],
  ['http'],
  ['config'],
  ['model.ts', 'errors.ts', 'log.ts', 'version.ts', 'shared'],
];

// Sibling edges that are part of the design (from, to).
const SIBLINGS = [];

const path = (name) => (name.endsWith('.ts') ? `^src/${name.replace('.', '\\.')}$` : `^src/${name}/`);

const rules = [];
LAYERS.forEach((layer, i) => {
  const above = LAYERS.slice(0, i).flat();
  for (const name of layer) {
    const siblings = layer.filter((other) => other !== name && !SIBLINGS.some(([a, b]) => a === name && b === other));
    const forbidden = [...above, ...siblings];
    if (forbidden.length === 0) continue;
    rules.push({
      name: `layer-${name.replace('.ts', '')}`,
      comment: `${name} may import only from its own folder and the layers below it (see the table at the top of this file)`,
      severity: 'error',
      from: { path: path(name) },
      to: { path: forbidden.map(path) },
    });
  }
});

// Each third-party library with a protocol or a native part lives behind one module (STYLE.md habit 7).
const LIBRARIES = [
  ['rss-parser', '^src/collectors/feed\\.ts$'],
  ['cheerio', '^src/collectors/html\\.ts$'],
  ['@octokit/rest', '^src/collectors/github\\.ts$'],
  ['nodemailer', '^src/notify/email\\.ts$'],
  ['node-cron', '^src/service/scheduler\\.ts$'],
  ['better-sqlite3', '^src/store/'],
  ['re2js', '^src/shared/safe-regex\\.ts$'],
  ['commander', '^src/cli\\.ts$'],
];
for (const [library, home] of LIBRARIES) {
  rules.push({
    name: `library-${library.replace(/\W/g, '')}`,
    comment: `${library} is used from ${home} only`,
    severity: 'error',
    from: { path: '^src/', pathNot: home },
    to: { path: `node_modules/${library.replace('/', '\\/')}/` },
  });
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only ones included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'http-through-index',
      comment: 'Outside src/http, the HTTP client is imported through src/http/index.ts only.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/http/' },
      to: { path: '^src/http/', pathNot: '^src/http/index\\.ts$' },
    },
    {
      name: 'src-not-test',
      comment: 'The product does not import tests or benchmarks, and only the demo command imports the demo world.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/commands/demo\\.ts$' },
      to: { path: '^(test|demo|bench)/' },
    },
    {
      name: 'demo-world-standalone',
      comment: 'The demo world is loaded by path by the demo command; it imports nothing from the product.',
      severity: 'error',
      from: { path: '^demo/' },
      to: { path: '^src/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    ...rules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
