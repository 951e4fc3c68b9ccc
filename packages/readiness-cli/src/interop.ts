/**
 * The exports of a lazily imported module. Built, `import()` of a CommonJS
 * chunk gives its named exports; run from source through the node transform
 * they sit on `default` (the whole `module.exports`).
 */
export function interop<T extends object>(mod: T): T {
  const inner = (mod as { default?: { __esModule?: boolean } }).default;
  return inner && inner.__esModule ? (inner as T) : mod;
}
