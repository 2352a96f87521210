export { inventoryService } from './service';
