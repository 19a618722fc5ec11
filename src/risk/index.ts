export { RiskEngine, type RiskEngineOptions } from './RiskEngine';
export { matches, type RequestView } from './conditions';
export {
  dependentsOf,
  estateView,
  fleetPrefix,
  liveEstateView,
  type EstateView,
  type LiveEstateView,
  type IndexedEstate,
} from './dependents';
export { inWindow, inPeriod, wallClock } from './wall-clock';
