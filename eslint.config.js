// Lint rules, including the layer rules of ARCHITECTURE.md enforced as import restrictions.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
// import-x for its no-cycle rule only: it resolves the real import graph (a cycle is invisible to a
// per-file import restriction). MIT, pinned exactly in package.json.
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

/** Regexes over the import specifier: exact package names, so a folder that happens to be named
 * like a Node module (shared/domain vs node's `domain`) is not caught. */
const pkg = (names) => `^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/|$)`;
const NODE = [`^node:`, 'Node built-ins'];
const NODE_BARE = [pkg(builtinModules.filter((m) => !m.startsWith('_'))), 'Node built-ins'];
const UI = [`${pkg(['vue', 'vue-router', 'pinia', 'element-plus', 'echarts', 'zrender', 'vue-echarts'])}|^@(vue|element-plus)/`, 'UI libraries'];
const ELECTRON = [pkg(['electron']), 'electron'];
const NATIVE = [pkg(['better-sqlite3', 'exceljs']), 'main-process libraries'];

/** One no-restricted-imports rule from [regex, what] pairs and the reason shown to the developer. */
const restrict = (reason, ...bans) => ({
  'no-restricted-imports': ['error', { patterns: bans.map(([regex, what]) => ({ regex, message: `${what}: ${reason}` })) }],
});

/** shared/ files at depth 1..5: leaving shared/ takes as many `../` as the file is deep. */
const sharedLayers = [1, 2, 3, 4, 5].map((depth) => ({
  files: [`shared/${'*/'.repeat(depth - 1)}*.ts`],
  rules: restrict(
    'shared/ is pure TypeScript for both sides and imports nothing outside shared/ (zod excepted).',
    NODE, NODE_BARE, UI, ELECTRON, NATIVE,
    [`^(\\.\\./){${depth},}`, 'a path outside shared/'],
  ),
}));

/** The layer map inside electron/: each folder may import only the folders listed for it (and
 * shared/). A relative specifier climbing out to a folder not listed is refused. The regex is on the
 * specifier, so it names the sibling folder right after the `../` run. */
const ELECTRON_LAYERS = ['db', 'analysis', 'import', 'demo', 'export', 'report', 'campaign', 'cases', 'checks', 'services', 'main', 'cli', 'preload'];
const LAYER_MAP = {
  db: [],
  analysis: ['db'],
  import: ['db'],
  demo: ['db'],
  export: ['db', 'analysis'],
  report: ['db', 'analysis', 'export'],
  // 年度采集 and 监测对象 read and write the ledger through db/ only, like analysis and export.
  campaign: ['db'],
  cases: ['db'],
  checks: ['db'],
  services: ['db', 'analysis', 'import', 'demo', 'export', 'report', 'campaign', 'cases', 'checks'],
  main: ['services', 'db', 'analysis', 'import', 'demo', 'export', 'report', 'campaign', 'cases', 'checks'],
  cli: ['services', 'db', 'analysis', 'import', 'demo', 'export', 'report', 'campaign', 'cases', 'checks'],
};
const layerBan = (layer) => {
  const allowed = LAYER_MAP[layer];
  const banned = ELECTRON_LAYERS.filter((l) => l !== layer && !allowed.includes(l));
  return [`^(\\.\\./)+(${banned.join('|')})(/|$)`, `a higher or sibling layer (electron/${layer}/ may import ${[...allowed, 'shared'].join(', ')})`];
};
// Flat config replaces a rule rather than merging it, so each entry repeats the bans that apply to
// its files: electron and the UI libraries everywhere but main (electron allowed there).
const electronLayers = Object.keys(LAYER_MAP).map((layer) => ({
  files: [`electron/${layer}/**/*.ts`],
  rules: restrict('imports go down the layers (CONTRIBUTING.md).', ...(layer === 'main' ? [UI] : [ELECTRON, UI]), layerBan(layer)),
}));

export default defineConfig(
  { ignores: ['out/**', 'node_modules/**', 'artifacts/**', 'dist/**', 'release/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  // Formatting is not lint's job here; layout rules would only fight hand-written templates.
  vue.configs['no-layout-rules'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...sharedLayers,
  {
    files: ['renderer/src/**/*.{ts,vue}'],
    rules: restrict(
      'the renderer runs sandboxed and reaches main only through window.api.',
      NODE, NODE_BARE, ELECTRON, NATIVE,
      ['^(\\.\\./)+electron(/|$)', 'electron/ code'],
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(
      'a sandboxed preload may import only electron and shared/.',
      NODE, NODE_BARE, UI, NATIVE,
      ['^\\.\\./(?!\\.\\./shared/)', 'a path outside shared/'],
    ),
  },
  {
    // Services are plain functions shared by Electron, the CLI and the e2e bridge; only main may touch electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: restrict('only electron/main and electron/preload may import it; services stay plain Node.', ELECTRON, UI),
  },
  ...electronLayers,
  {
    // No import cycles anywhere in the code: a cycle makes load order matter (an undefined binding at
    // start-up) and is what a file split to meet the line limit leaves behind. Type-only imports are
    // erased at run time and do not count.
    files: ['**/*.{ts,vue}'],
    plugins: { 'import-x': importX },
    // The graph is followed through .vue files too (parsed by vue-eslint-parser with the TS parser
    // for <script lang="ts">, as for linting them), so a cycle through a component is seen.
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.vue'],
      'import-x/parsers': { 'vue-eslint-parser': ['.vue'], '@typescript-eslint/parser': ['.ts', '.js'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.vue', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    // The report draws its charts with ECharts' server-side SVG renderer (no DOM, no window): only
    // these two files may import echarts; the rest of the UI libraries stay out of main.
    files: ['electron/report/chart-png.ts', 'electron/report/charts.ts'],
    rules: restrict('only the report charts render ECharts server-side.', ELECTRON, layerBan('report'), [`${pkg(['vue', 'vue-router', 'pinia', 'element-plus', 'vue-echarts'])}|^@(vue|element-plus)/`, 'UI libraries']),
  },
);
