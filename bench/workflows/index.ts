export { bareCase, bareStep } from './bare.workflow';
