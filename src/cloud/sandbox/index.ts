export { SandboxProvider } from './SandboxProvider';
export { parseEstate, loadEstate, EstateError, type Estate, type RegionEstate } from './estate';
