// Issues the documents the case projection asked for (db/documents.repository.ts): renders each from
// the template it was asked with, signs it with its issuer's key, and stores the bytes people will
// download and verify. Runs in the worker process — the signing keys stay off the public API —
// beside the Temporal workers, and apart from the cases: a document that cannot be issued is retried
// and then left for operators, it never holds a case.
import { createHash } from 'node:crypto';
import { startPeriodic } from '../config/periodic';
import type { Logger } from 'pino';
import { issueNextDocument, type DocumentToIssue } from '../db/documents.repository';
import type { Db } from '../db/pool';
import { filedApplication } from '../db/queries/applications.queries';
import { findCase } from '../db/queries/cases.queries';
import { readCaseView } from '../db/queries/case-view.queries';
import type { BirthApplication } from '../domain/BirthApplication';
import type { DeathApplication } from '../domain/DeathApplication';
import { RESULT_DOCUMENTS, verifyUrl, type Issuer } from '../domain/documents';
import { renderResult } from './results';
import { signPdf, type DocumentSigner } from './signer';

export interface IssuerDeps {
  db: Db;
  signer: DocumentSigner;
  /** Where people reach the pages: verification links are `<publicUrl>/verify/<code>`. */
  publicUrl: string;
  communes: ReadonlyMap<string, { name: string }>;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/** Renders and signs one document: the bytes to keep, and their SHA-256 (hex). */
export async function issueDocument(
  { db, signer, publicUrl, communes }: Omit<IssuerDeps, 'logger'>,
  document: DocumentToIssue,
  issuedAt = new Date(),
): Promise<{ pdf: Buffer; sha256: string }> {
  const spec = RESULT_DOCUMENTS[document.step];
  // A template changes by a new version; an old version, once gone, cannot be issued silently anew.
  if (spec?.template !== document.template)
    throw new Error(`template ${document.template} is not available (now ${spec?.template})`);
  const filed = await filedApplication(db, document.case_id);
  if (filed === undefined)
    throw new Error('the application as filed is not kept (filed before documents were issued)');
  const row = await findCase(db, document.case_id);
  if (!row) throw new Error('the case is not in the read model');
  const view = await readCaseView(db, row);
  // Validated when it was filed, and kept as parsed: only its procedure is checked again here.
  const application = filed as BirthApplication | DeathApplication;
  if (application.procedure !== view.procedure)
    throw new Error(`the application kept is of ${application.procedure}, not ${view.procedure}`);
  const communeName = (code: string) => communes.get(code)?.name ?? code;
  const pdf = await renderResult({
    spec,
    issuer: document.issuer as Issuer,
    number: document.number,
    issue: document.issue,
    caseCode: view.caseCode ?? document.case_id,
    issuedAt: issuedAt.toISOString(),
    application,
    view,
    communeName,
    verification: { url: verifyUrl(publicUrl, document.verify_code), code: document.verify_code },
  });
  const signed = await signPdf(pdf, signer, document.issuer as Issuer, {
    reason: `${spec.title} số ${document.number}`,
    location: communeName(application.receivingCommune),
    signingTime: issuedAt,
  });
  return { pdf: signed, sha256: createHash('sha256').update(signed).digest('hex') };
}

/** Issues every document due, one after another; a failure is logged and left for its retry. */
export async function issueDueDocuments(deps: IssuerDeps): Promise<number> {
  let issued = 0;
  for (;;) {
    const outcome = await issueNextDocument(deps.db, (document) => issueDocument(deps, document));
    if (outcome === false) return issued;
    if (outcome.issued) issued += 1;
    else
      deps.logger.warn(
        { err: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) },
        'document not issued: retried later',
      );
  }
}

/** Issues what is due every `intervalMs`, until stopped; a database outage is logged and waited out. */
export function startDocumentIssuer(deps: IssuerDeps, intervalMs: number) {
  return startPeriodic(async () => {
    try {
      await issueDueDocuments(deps);
    } catch (error) {
      deps.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'documents: issuing paused, tried again shortly',
      );
    }
  }, intervalMs);
}
