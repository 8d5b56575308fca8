// Driving Group A through the API as the people involved would: file, act as each officer, read.
import request from 'supertest';
import { expect, vi } from 'vitest';
import type { Express } from 'express';
import type { BirthApplication } from '../../domain/BirthApplication';
import type { DeathApplication } from '../../domain/DeathApplication';
import type { CaseView, StepView } from '../../domain/procedures/views';
import type { Agency } from '../../domain/principal';
import { tokenFor } from './auth';

export const clerk = () => tokenFor({ sub: 'clerk-1', role: 'clerk', jurisdiction: '00004' });
export const citizen = (pin: string) => tokenFor({ sub: `citizen-${pin}`, role: 'citizen', pin });
/**
 * An officer of `agency` in `jurisdiction`, as the seeded directory lists them
 * (db/development-officers.ts): the directory, not the token, says where an officer serves.
 */
export const officer = (agency: Agency, jurisdiction = '00004') =>
  tokenFor({
    sub: jurisdiction === '00004' ? `officer-${agency}` : `officer-${agency}-${jurisdiction}`,
    role: 'officer',
    agency,
    jurisdiction,
  });

export async function file(
  app: Express,
  application: BirthApplication | DeathApplication,
  idempotencyKey?: string,
) {
  const req = request(app)
    .post('/v1/cases')
    .set('Authorization', `Bearer ${await clerk()}`);
  if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
  return req.send(application);
}

export async function readCase(app: Express, caseId: string, pin: string) {
  const response = await request(app)
    .get(`/v1/cases/${encodeURIComponent(caseId)}`)
    .set('Authorization', `Bearer ${await citizen(pin)}`);
  return response;
}

/** Waits until the case (read as the applicant) satisfies `check`. */
export function waitForCase(
  app: Express,
  caseId: string,
  pin: string,
  check: (view: CaseView) => void,
  timeout = 30_000,
): Promise<CaseView> {
  return vi.waitFor(
    async () => {
      const response = await readCase(app, caseId, pin);
      expect(response.status).toBe(200);
      const view = response.body as CaseView;
      check(view);
      return view;
    },
    { timeout, interval: 200 },
  );
}

/** One step of a case view; fails the test when the step is absent. */
export function stepOf(view: CaseView, step: string): StepView {
  const found = view.steps.find((s) => s.step === step);
  if (!found) throw new Error(`case ${view.caseId} has no ${step} step`);
  return found;
}

/** Waits for the case's task in an agency's inbox, then decides it. */
export async function decide(
  app: Express,
  caseId: string,
  agency: Agency,
  decision: Record<string, unknown>,
  jurisdiction = '00004',
) {
  const token = await officer(agency, jurisdiction);
  const task = await vi.waitFor(
    async () => {
      const inbox = await request(app).get('/v1/tasks').set('Authorization', `Bearer ${token}`);
      const found = (inbox.body.items as { caseId: string; taskId: string }[]).find(
        (t) => t.caseId === caseId,
      );
      expect(found).toBeDefined();
      return found as { taskId: string };
    },
    { timeout: 30_000, interval: 200 },
  );
  return request(app)
    .post(`/v1/tasks/${encodeURIComponent(task.taskId)}/decision`)
    .set('Authorization', `Bearer ${token}`)
    .send(decision);
}

export function uniqueCertificate(): string {
  return `CS-${Date.now().toString(36).toUpperCase()}-${Math.floor(Math.random() * 1e6)}`;
}

/** A child's name no other test uses (letters only, as names must be), for rules matched by name. */
export function uniqueChildName(): string {
  const letters = Array.from({ length: 6 }, () =>
    String.fromCharCode(97 + Math.floor(Math.random() * 26)),
  );
  return `Nguyễn ${letters.join('')}`;
}

/** Faults that make BHXH refuse the card of the child named `fullName`, `times` times. */
export const cardRefusedFor = (fullName: string, body: Record<string, unknown>, times = 1) => ({
  rules: [{ path: 'fullName', equals: fullName, status: 422, times, body }],
});
