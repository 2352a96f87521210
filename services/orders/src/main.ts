import { runService } from '@shopmesh/platform/dapr';
import { ordersService } from './service';

void runService(ordersService, process.env);
