import { runService } from '@shopmesh/platform';
import { inventoryService } from './service';

void runService(inventoryService, process.env);
