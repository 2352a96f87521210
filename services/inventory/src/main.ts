import { runService } from '@shopmesh/platform/dapr';
import { inventoryService } from './service';

void runService(inventoryService, process.env);
