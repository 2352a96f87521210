import { runService } from '@shopmesh/platform';
import { gatewayService } from './service';

void runService(gatewayService, process.env);
