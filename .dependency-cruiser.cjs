/**
 * Dependency rules of docs/architecture.md, checked in CI (`npm run lint`).
 */
module.exports = {
  forbidden: [
    {
      name: 'core-not-to-modules',
      comment: 'The core never imports a domain module: modules stand on the core, not the reverse.',
      severity: 'error',
      from: { path: '^src/server/core/' },
      to: { path: '^src/server/modules/' },
    },
    {
      name: 'module-through-core-index',
      comment: 'A module imports the core only through src/server/core/index.ts (or a core area index).',
      severity: 'error',
      from: { path: '^src/server/modules/' },
      to: { path: '^src/server/core/', pathNot: '^src/server/core/(index\\.ts|[^/]+/index\\.ts)$' },
    },
    {
      name: 'tools-through-core-index',
      comment:
        'Scripts and the demo loader stand where a module stands: they reach the core only through ' +
        'src/server/core/index.ts (or a core area index), so the core can change its insides freely.',
      severity: 'error',
      from: { path: '^(scripts/|src/server/demo/)', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/server/core/', pathNot: '^src/server/core/(index\\.ts|[^/]+/index\\.ts)$' },
    },
    {
      name: 'tools-to-module-through-index',
      comment: 'Scripts and the demo loader reach a module only through its index.ts, like another module would.',
      severity: 'error',
      from: { path: '^(scripts/|src/server/demo/)' },
      to: { path: '^src/server/modules/[^/]+/', pathNot: '^src/server/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'module-to-module-through-index',
      comment: 'A module reaches another module only through that module’s index.ts.',
      severity: 'error',
      from: { path: '^src/server/modules/([^/]+)/' },
      to: { path: '^src/server/modules/([^/]+)/', pathNot: ['^src/server/modules/$1/', '^src/server/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'contracts-are-pure',
      comment: 'Contracts are bundled into the browser: they import zod and each other only.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { pathNot: ['^src/contracts/', 'zod'] },
    },
    {
      name: 'web-not-to-server',
      comment: 'The web client never imports server code; it shares only src/contracts.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'server-not-to-web',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-shared-not-to-modules',
      comment: 'The web toolkit (src/web/shared) imports no feature.',
      severity: 'error',
      from: { path: '^src/web/shared/' },
      to: { path: '^src/web/(modules|core)/' },
    },
    {
      name: 'web-core-not-to-modules',
      severity: 'error',
      from: { path: '^src/web/core/' },
      to: { path: '^src/web/modules/' },
    },
    {
      name: 'web-module-to-module-through-index',
      comment:
        'A web module never reaches into another web module’s files. What two modules share moves to ' +
        'src/web/shared (toolkit) or src/web/core (core pages and pickers); what one module offers to ' +
        'others it exports from its own index.ts.',
      severity: 'error',
      from: { path: '^src/web/modules/([^/]+)/' },
      to: { path: '^src/web/modules/([^/]+)/', pathNot: ['^src/web/modules/$1/', '^src/web/modules/[^/]+/index\\.tsx?$'] },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'] },
  },
};
