import { runService } from '@shopmesh/platform/dapr';
import { gatewayService } from './service';

void runService(gatewayService, process.env);
