// The single workflowsPath target: every workflow the worker runs is exported here.
export { birthResidenceInsurance } from './birth-residence-insurance.workflow';
export { deathAnnulment } from './death-annulment.workflow';
export { deathResidenceFuneral } from './death-residence-funeral.workflow';
export { monthlyComplianceReport } from './compliance-report.workflow';
export { selfCheck } from './self-check.workflow';
export { agencyStep } from './steps/agency-step.workflow';
