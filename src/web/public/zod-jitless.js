// The server's Content-Security-Policy allows no eval (script-src 'self'). zod compiles its
// object parsers with `new Function` when it may, and finds out by trying it while the
// contracts' schemas are built, which the browser reports as a CSP violation on every page.
// zod reads its configuration from this global, so setting it here, in a classic script that
// runs before the app's module scripts, switches that attempt off; parsing stays the same.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
