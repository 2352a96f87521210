import { runService } from '@shopmesh/platform';
import { paymentsService } from './service';

void runService(paymentsService, process.env);
