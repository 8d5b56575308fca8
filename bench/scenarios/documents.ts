// Scenario 6: the documents a case hands out (issue 21). One document rendered and signed, again and
// again in this process (p50/p99 of each part, and its size); then complete Group A cases through the
// whole stack, whose documents the case projections asked for, issued by the issuer as the worker
// runs it — against the stack's database — for the time and the bytes each complete case adds.
import { loadCommunes } from '../../db/queries/communes.queries';
import { EXAMPLE_BIRTH_APPLICATION } from '../../domain/BirthApplication';
import { RESULT_DOCUMENTS } from '../../domain/documents';
import type { CaseView } from '../../domain/procedures/views';
import { issueDueDocuments } from '../../documents/issuer';
import { developmentKeyring } from '../../documents/pki';
import { renderResult } from '../../documents/results';
import { keyringSigner, signPdf } from '../../documents/signer';
import {
  birthApplication,
  CLERK,
  fileCase,
  FINISHED,
  pool,
  setCivilStatusReview,
  token,
  waitForCases,
} from '../lib/engine';
import { percentile, round, type ScenarioResult } from '../lib/report';
import type { BenchStack } from '../lib/stack';

const VIEW = {
  caseId: 'birth-residence-insurance:CS-BENCH',
  procedure: 'birth-residence-insurance',
  steps: [
    { step: 'birth', result: { pin: '001226000123', extractNumber: 'KS-00004-2026-000042' } },
  ],
} as unknown as CaseView;

export async function documents(
  stack: BenchStack,
  { samples = 200, cases = 40 } = {},
): Promise<ScenarioResult> {
  const keyring = developmentKeyring();
  const signer = keyringSigner(keyring);
  const spec = RESULT_DOCUMENTS.birth;
  if (!spec) throw new Error('no birth extract template');
  const timings = { render: [] as number[], sign: [] as number[], total: [] as number[] };
  let bytes = 0;
  for (let i = 0; i < samples + 10; i++) {
    const start = performance.now();
    const doc = await renderResult({
      spec,
      issuer: 'civil-status',
      number: `KS-00004-2026-${String(i).padStart(6, '0')}`,
      caseCode: 'KS-00004-2612-000001',
      issuedAt: new Date().toISOString(),
      application: EXAMPLE_BIRTH_APPLICATION,
      view: VIEW,
      communeName: () => 'Phường Phúc Xá',
      verification: { url: 'https://lien-thong.example/verify/7KQ2M9XH4TRW', code: '7KQ2M9XH4TRW' },
    });
    const rendered = performance.now();
    const pdf = await signPdf(doc, signer, 'civil-status', {
      reason: 'bench',
      location: 'Phường Phúc Xá',
      signingTime: new Date(),
    });
    const end = performance.now();
    if (i < 10) continue; // warm-up: the font's first parse, JIT
    timings.render.push(rendered - start);
    timings.sign.push(end - rendered);
    timings.total.push(end - start);
    bytes += pdf.length;
  }
  const ms = (values: number[], p: number) => round(percentile(values, p), 1);

  // Complete cases through the stack; their documents wait (the stack's worker has no keys), then
  // this process issues them as the worker would.
  await setCivilStatusReview(stack, 'automatic');
  const bearer = await token(CLERK);
  await pool(cases, 10, () => fileCase(stack, bearer, birthApplication('documents')));
  await waitForCases(stack, 'B-documents-', cases, FINISHED);
  const asked = await stack.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM documents WHERE state = 'pending'`,
  );
  const started = performance.now();
  const issued = await issueDueDocuments({
    db: stack.db,
    signer,
    publicUrl: 'https://lien-thong.example',
    communes: await loadCommunes(stack.db),
    logger: { info: () => undefined, warn: (o: unknown) => console.warn(o) },
  });
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await stack.db.query<{ n: number; bytes: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(length(pdf)), 0)::int AS bytes
       FROM documents WHERE state = 'issued' AND kind <> 'receipt'`,
  );
  const perCase = (rows[0]?.n ?? 0) / cases;

  return {
    scenario: '6-documents',
    title: 'Documents: render and sign a result (PAdES), and what each complete case adds',
    figures: [
      { name: 'render + sign one document, p50', value: ms(timings.total, 50), unit: 'ms' },
      { name: 'render + sign one document, p99', value: ms(timings.total, 99), unit: 'ms' },
      { name: 'render (pdf-lib, font subset, QR), p50', value: ms(timings.render, 50), unit: 'ms' },
      { name: 'sign (placeholder, CAdES, splice), p50', value: ms(timings.sign, 50), unit: 'ms' },
      { name: 'signed PDF size', value: round(bytes / samples / 1024, 1), unit: 'KiB' },
      { name: 'documents per complete Group A case', value: round(perCase, 2) },
      {
        name: 'issuer time per complete Group A case (render, sign, store)',
        value: round((seconds * 1000) / cases, 1),
        unit: 'ms',
      },
      {
        name: 'storage per complete Group A case',
        value: round((rows[0]?.bytes ?? 0) / cases / 1024, 1),
        unit: 'KiB',
      },
    ],
    details: {
      samples,
      cases,
      asked: asked.rows[0]?.n,
      issued,
      issueSeconds: round(seconds, 2),
      p99: { render: ms(timings.render, 99), sign: ms(timings.sign, 99) },
    },
  };
}
