// '@temporalio/workflow' as the workflow code saw it before its patches were deployed: the code that
// ran then is today's code with every `patched()` false, no marker recorded and `deprecatePatch()` a
// no-op. worker/bundle.ts aliases the exact request '@temporalio/workflow' to this file for the
// previous-version bundle; the deep path below is not that request, so it reaches the real package.
export * from '@temporalio/workflow/lib/index';

/** Before the change, nothing asked for it: the old path runs and history gets no patch marker. */
export function patched(_patchId: string): boolean {
  return false;
}

/** Before the change, there was no patch to deprecate. */
export function deprecatePatch(_patchId: string): void {}
