import { runService } from '@shopmesh/platform/dapr';
import { paymentsService } from './service';

void runService(paymentsService, process.env);
