import { runService } from '@shopmesh/platform';
import { ordersService } from './service';

void runService(ordersService, process.env);
