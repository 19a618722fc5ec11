export { RiskEngine } from './RiskEngine';
export { matches } from './conditions';
