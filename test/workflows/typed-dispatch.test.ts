// Every action a machine declares has a handler the compiler checks (STYLE rule 20a): a handler table
// typed `satisfies ActionHandlers<…Action>` that leaves one out does not compile. Shown here by
// compiling, with the project's own compiler options, tables with every handler and tables missing
// one — in memory, beside the real sources, so nothing broken is ever committed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { STEP_ACTIONS } from '../../domain/procedures/agency-step.machine';
import { CASE_ACTIONS } from '../../domain/procedures/linked-procedure.machine';
import { PAYEE_ACTIONS } from '../../domain/procedures/payee-confirmation.machine';

const ROOT = join(__dirname, '..', '..');

const MACHINES = [
  { module: 'agency-step.machine', type: 'StepAction', actions: Object.keys(STEP_ACTIONS) },
  { module: 'linked-procedure.machine', type: 'CaseAction', actions: Object.keys(CASE_ACTIONS) },
  {
    module: 'payee-confirmation.machine',
    type: 'PayeeAction',
    actions: Object.keys(PAYEE_ACTIONS),
  },
];

/** A handler table for `machine` with a handler for each of `actions`. */
const table = (machine: (typeof MACHINES)[number], actions: string[]) =>
  [
    `import type { ${machine.type} } from '../../domain/procedures/${machine.module}';`,
    `import type { ActionHandlers } from '../../workflows/outcomes';`,
    `export const handlers = {`,
    ...actions.map((a) => `  ${a}: () => undefined,`),
    `} satisfies ActionHandlers<${machine.type}>;`,
  ].join('\n');

/** Type errors of each in-memory file, compiled with the project's tsconfig. */
function typeErrors(files: Record<string, string>): Record<string, string[]> {
  const configPath = join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, (p) => readFileSync(p, 'utf8'));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(files).map(([n, text]) => [join(__dirname, n), text]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) => {
    const text = virtual.get(name);
    return text === undefined
      ? getSourceFile(name, language, ...rest)
      : ts.createSourceFile(name, text, language);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return Object.fromEntries(
    [...virtual.keys()].map((name) => [
      name.slice(__dirname.length + 1),
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(name))
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    ]),
  );
}

describe('typed action dispatch', () => {
  it('when a handler table leaves out one of its machine’s actions, then it does not compile; with all of them it does', () => {
    const files: Record<string, string> = {};
    for (const machine of MACHINES) {
      const [left, ...rest] = machine.actions;
      files[`${machine.type}-complete.ts`] = table(machine, machine.actions);
      files[`${machine.type}-missing.ts`] = table(machine, rest);
      files[`${machine.type}-missing.expect`] = String(left);
    }
    const errors = typeErrors(
      Object.fromEntries(Object.entries(files).filter(([n]) => n.endsWith('.ts'))),
    );

    for (const machine of MACHINES) {
      expect(errors[`${machine.type}-complete.ts`], machine.type).toEqual([]);
      const missing = errors[`${machine.type}-missing.ts`] ?? [];
      expect(missing.join('\n'), machine.type).toContain(
        `Property '${files[`${machine.type}-missing.expect`]}' is missing`,
      );
    }
  });
});
