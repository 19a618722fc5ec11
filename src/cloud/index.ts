export * from './provider';
export { SandboxProvider, parseEstate, loadEstate, EstateError, type Estate } from './sandbox';
