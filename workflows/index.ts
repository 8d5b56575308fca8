// The single workflowsPath target: every workflow the worker runs is exported here.
export { selfCheck } from './self-check.workflow';
