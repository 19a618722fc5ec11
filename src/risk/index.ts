export { RiskEngine, type RiskEngineOptions } from './RiskEngine';
export { matches, type RequestView } from './conditions';
export { dependentsOf, fleetPrefix, type EstateView } from './dependents';
export { inWindow, inPeriod, wallClock } from './wall-clock';
