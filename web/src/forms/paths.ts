// Paths of the application object (`child.dateOfBirth`) and the ids of their controls and errors.
export const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;
export const errorIdOf = (name: string) => `e-${name.replace(/\./g, '-')}`;
export const fillIn = (text: string, n: number) => text.replace('{n}', String(n));

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key) => {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1] ?? ''] = value;
}

export function merge(into: Record<string, unknown>, from: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    if (existing && typeof existing === 'object' && value && typeof value === 'object')
      merge(existing as Record<string, unknown>, value as Record<string, unknown>);
    else into[key] = value;
  }
}

/** The value at a dotted path (`mother.address.line`), if any. */
export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
