// The single workflowsPath target: every workflow the worker runs is exported here.
export { birthResidenceInsurance } from './birth-residence-insurance.workflow';
export { selfCheck } from './self-check.workflow';
export { agencyStep } from './steps/agency-step.workflow';
