// Test files running at the same time must not steal each other's workflow tasks: each vitest worker
// (VITEST_POOL_ID 1..n) uses its own namespace on the shared dev server, with the real queue names.
export const TEST_NAMESPACES = ['test-1', 'test-2', 'test-3', 'test-4'];

export function testNamespace(): string {
  const id = process.env.VITEST_POOL_ID ?? '1';
  const namespace = `test-${id}`;
  if (!TEST_NAMESPACES.includes(namespace)) throw new Error(`no test namespace for pool ${id}`);
  return namespace;
}
