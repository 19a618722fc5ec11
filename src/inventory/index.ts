export { Inventory, type ScanFailure } from './Inventory';
export { InventoryResolver, scoreName, tokens, editDistance } from './resolver';
export { fromEc2Instance, fromEbsVolume, fromRdsInstance, fromSsmInstance } from './normalize';
