export { SandboxProvider, type SandboxOptions } from './SandboxProvider';
export { parseEstate, loadEstate, EstateError, type Estate, type RegionEstate } from './estate';
